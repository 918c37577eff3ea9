/**
 * {@code conclave ui}: a local web console on 127.0.0.1 that shows every registered server's
 * channels, presence and live conversation in a browser, through one long-lived client link per
 * server. Sits above the client layer; the CLI starts it.
 */
package conclave.ui;
