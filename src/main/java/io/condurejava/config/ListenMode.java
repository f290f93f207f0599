package io.condurejava.config;

/** The ZHTTP mode of a client listener: stream (PUSH/ROUTER/SUB) or req (DEALER). Immutable; any thread. */
public enum ListenMode { STREAM, REQ }
