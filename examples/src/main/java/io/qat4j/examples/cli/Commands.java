package io.qat4j.examples.cli;

import io.qat4j.examples.demo.Progress;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine;

/** Assembles the {@code qat4j} command line: its subcommands and how it reports errors. */
public final class Commands {
  /** Exit status of a run that stopped on bad input (data, files, option values). */
  public static final int INPUT_ERROR = 2;

  private Commands() {}

  /**
   * The command line with {@code top} as the main command and every stage as a subcommand.
   * Errors a user can fix (missing data or files, a damaged file, an option out of range) print
   * their message and exit with {@link #INPUT_ERROR}, without a stack trace.
   */
  public static CommandLine commandLine(Object top, PrintStream out) {
    CommandLine cli = new CommandLine(top)
        .addSubcommand(new SummaryCommand())
        .addSubcommand(new TrainCommand())
        .addSubcommand(new CalibrateCommand())
        .addSubcommand(new ConvertCommand())
        .addSubcommand(new EvaluateCommand())
        .addSubcommand(new ExportCommand())
        .addSubcommand(new BenchCommand());
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(out, true));
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      if (e instanceof IOException || e instanceof IllegalArgumentException
          || e instanceof IllegalStateException) {
        out.println("error: " + e.getMessage());
        return INPUT_ERROR;
      }
      throw e;
    });
    return cli;
  }

  /** Console progress bars on {@code out}. */
  public static Progress progressBars(PrintStream out) {
    return new ProgressBars(out);
  }
}
