package io.condurejava;

/** Entry point placeholder. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("java " + Runtime.version());
    }
}
