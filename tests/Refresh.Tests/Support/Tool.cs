using System.Diagnostics;

namespace ImageCacheFunctions.Refresh.Tests.Support;

/// <summary>Runs a command-line tool (umoci, skopeo) to completion with a bound on its run time.</summary>
public static class Tool
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public static bool IsInstalled(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));

    /// <summary>Runs <paramref name="name"/> with <paramref name="arguments"/>; returns stdout, throws with the output on failure.</summary>
    public static async Task<string> RunAsync(string name, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(name)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} {string.Join(' ', arguments)} did not finish within {Bound}");
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', arguments)} failed ({process.ExitCode}):{System.Environment.NewLine}{errors}{output}");
        }

        return output;
    }
}
