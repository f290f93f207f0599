package io.condurejava.pushpin;

import java.nio.file.Path;

/**
 * The pushpin.conf the drop-in test runs: Debian's /etc/pushpin/pushpin.conf with the run and log
 * directories, ports and {@code condure_bin} changed, and zurl started by the runner. Pure; any thread.
 *
 * <p>Why zurl: Debian patches {@code /usr/lib/pushpin/internal.conf} so that the proxy sends its
 * requests to the system zurl daemon ({@code ipc:///var/run/zurl/zurl-in}, started by the zurl
 * package's service), and leaves {@code zurl} out of {@code services}. Without that daemon every
 * proxied request fails with 502. Here the runner starts zurl itself and the three
 * {@code zurl_*_specs} lines point the proxy at it — upstream Pushpin's own defaults. Origins on
 * 127.0.0.1 need nothing more: route targets are trusted, so the proxy sets {@code ignore-policies}
 * and zurl's {@code deny=127.*,...} list does not apply to them.
 */
final class PushpinConfig {
    private PushpinConfig() {
    }

    static String text(Path condureBin, Path runDir, Path logDir, int httpPort, int publishPort,
                       int pushInPort, int pushInSubPort, int commandPort) {
        return """
                [global]
                include={libdir}/internal.conf
                rundir=%s
                ipc_prefix=%s
                port_offset=0
                stats_connection_ttl=120

                [runner]
                services=condure,zurl,pushpin-proxy,pushpin-handler
                http_port=127.0.0.1:%d
                logdir=%s
                log_level=2
                client_buffer_size=8192
                client_maxconn=50000
                condure_bin=%s
                zurl_bin=zurl

                [proxy]
                routesfile=routes
                zurl_out_specs=ipc://{rundir}/{ipc_prefix}zurl-in
                zurl_out_stream_specs=ipc://{rundir}/{ipc_prefix}zurl-in-stream
                zurl_in_specs=ipc://{rundir}/{ipc_prefix}zurl-out
                debug=false
                auto_cross_origin=false
                accept_x_forwarded_protocol=false
                set_x_forwarded_protocol=proto-only
                log_from=false
                log_user_agent=false
                sig_iss=pushpin
                sig_key=changeme
                updates_check=off

                [handler]
                push_in_spec=tcp://127.0.0.1:%d
                push_in_sub_specs=tcp://127.0.0.1:%d
                push_in_sub_connect=false
                push_in_http_addr=127.0.0.1
                push_in_http_port=%d
                push_in_http_max_headers_size=10000
                push_in_http_max_body_size=1000000
                stats_spec=ipc://{rundir}/{ipc_prefix}stats
                command_spec=tcp://127.0.0.1:%d
                message_rate=2500
                message_hwm=25000
                message_wait=5000
                id_cache_ttl=60
                connection_subscription_max=20
                subscription_linger=60
                stats_subscription_ttl=60
                stats_report_interval=10
                stats_format=tnetstring
                """.formatted(runDir, PushpinInstance.IPC_PREFIX, httpPort, logDir, condureBin,
                pushInPort, pushInSubPort, publishPort, commandPort);
    }
}
