package io.weft.common.command;

import io.weft.common.text.Table;

/**
 * A result people read as a table ({@code ps}, {@code status}): its rows are what {@code
 * --format} and {@code -q} work on, and the rows of several hosts make one table.
 */
public interface Tabular extends Result {

  Table table();
}
