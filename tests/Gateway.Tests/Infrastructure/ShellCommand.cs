using System.Diagnostics;
using System.Text;

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>Runs `sh -c` like a Dockerfile RUN, with a bound; keeps the output for failure messages.</summary>
internal static class ShellCommand
{
    // Set by `dotnet test` for the test host; a nested `dotnet` must not inherit them.
    private static readonly string[] HostVariables = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG"];

    public sealed record Result(int ExitCode, string Output)
    {
        public string Tail => string.Join(Environment.NewLine, Output.Split('\n').TakeLast(60));
    }

    public static async Task<Result> RunAsync(string command, string workingDirectory, TimeSpan bound)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var variable in HostVariables)
        {
            info.Environment.Remove(variable);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Append(output, $"(killed: not finished within {bound})");
            return new Result(-1, Snapshot(output));
        }

        process.WaitForExit();
        return new Result(process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
