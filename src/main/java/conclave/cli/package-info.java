/**
 * The command line: picocli commands that parse arguments, call one service of a lower layer and
 * print. The top of the dependency graph; nothing imports it.
 */
package conclave.cli;
