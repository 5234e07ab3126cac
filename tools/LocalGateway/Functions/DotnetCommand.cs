using System.Diagnostics;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>Runs a `dotnet` SDK command (build, publish) to completion, bounded in time.</summary>
internal static class DotnetCommand
{
    // Set by test hosts and MSBuild itself; inherited, they make a nested build use the wrong SDK parts.
    private static readonly string[] MSBuildVariables = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG"];

    /// <exception cref="FunctionBuildException">The command failed or took longer than <paramref name="timeout"/>.</exception>
    public static async Task RunAsync(
        IReadOnlyList<string> arguments, string workingDirectory, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var variable in MSBuildVariables)
        {
            info.Environment.Remove(variable);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var process = new Process { StartInfo = info };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessSignals.KillTree(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new FunctionBuildException($"{what}: dotnet {arguments[0]} took longer than {timeout}");
        }

        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new FunctionBuildException($"{what}: dotnet {arguments[0]} failed (exit code {process.ExitCode}):{Environment.NewLine}{Errors(output)}");
        }
    }

    private static string Errors(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Take(30).ToList();
        return string.Join(Environment.NewLine, errors.Count > 0 ? errors : lines.TakeLast(30));
    }
}
