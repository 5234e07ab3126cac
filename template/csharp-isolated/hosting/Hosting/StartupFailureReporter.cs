using Microsoft.Extensions.Options;

namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>
/// Turns a start-up failure that escapes <c>host.Run()</c> in an unchanged isolated-worker
/// Program.cs into one line on stderr and exit code 1, instead of the runtime's stack trace.
/// </summary>
internal static class StartupFailureReporter
{
    private static int _installed;
    private static volatile bool _hostStarted;

    /// <summary>
    /// True once a host of this process has started. Until then the generic host's own
    /// "Hosting failed to start" error (with its stack trace) is filtered out of the logs,
    /// because the failure is reported here as one line.
    /// </summary>
    public static bool HostStarted => _hostStarted;

    public static void MarkStarted() => _hostStarted = true;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        }
    }

    /// <summary>The one-line explanation for a start-up failure, or null when the exception is something else.</summary>
    public static string? Describe(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case FunctionsStartupException startup:
                    return OneLine(startup.Message);
                case OptionsValidationException validation:
                    return OneLine($"invalid {validation.OptionsType.Name}: {string.Join("; ", validation.Failures)}");
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    continue;
            }
        }

        return null;
    }

    private static void OnUnhandledException(object sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is Exception exception && Describe(exception) is { } line)
        {
            Console.Error.WriteLine($"startup failed: {line}");
            Console.Error.Flush();
            Environment.Exit(1);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
