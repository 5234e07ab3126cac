using System.Diagnostics;
using ImageCacheFunctions.LocalGateway.Stack;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>
/// Builds each function's project (the one .csproj in its handler folder) with
/// `dotnet build -c Release -o &lt;state&gt;/functions/&lt;fn&gt;`. obj/ goes to the state
/// directory's artifacts folder so the gateway never writes into the source tree.
/// Functions are built one after another: they share the host and shared/ projects, which
/// must not be compiled by two builds at once, and after the first build the others are
/// incremental.
/// </summary>
internal sealed class FunctionBuilder(string outputRoot, string artifactsDirectory, ILogger logger)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    // Set by test hosts and MSBuild itself; inherited, they make a nested build use the wrong SDK parts.
    private static readonly string[] MSBuildVariables = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG"];

    public static string FindProject(StackFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!Directory.Exists(function.HandlerDirectory))
        {
            throw new FunctionBuildException($"function `{function.Name}`: handler folder not found: {function.HandlerDirectory}");
        }

        var projects = Directory.GetFiles(function.HandlerDirectory, "*.csproj", SearchOption.TopDirectoryOnly);
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new FunctionBuildException($"function `{function.Name}`: no .csproj in {function.HandlerDirectory}"),
            _ => throw new FunctionBuildException($"function `{function.Name}`: more than one .csproj in {function.HandlerDirectory}"),
        };
    }

    public async Task<IReadOnlyList<FunctionArtifact>> BuildAsync(IReadOnlyList<StackFunction> functions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var artifacts = new List<FunctionArtifact>(functions.Count);
        foreach (var function in functions)
        {
            artifacts.Add(await BuildAsync(function, cancellationToken).ConfigureAwait(false));
        }

        return artifacts;
    }

    public async Task<FunctionArtifact> BuildAsync(StackFunction function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var project = FindProject(function);
        var output = Path.Combine(outputRoot, function.Name);
        var stopwatch = Stopwatch.StartNew();
        logger.LogInformation("Building {Function} ({Project})", function.Name, project);

        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        foreach (var argument in new[]
        {
            "build", project, "-c", "Release", "-o", output, "--artifacts-path", artifactsDirectory,
            "-nologo", "-nodeReuse:false",
            // With a target, MSBuild prints the property after building it: the exact dll to run.
            "-t:Build", "-getProperty:TargetPath",
        })
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessSignals.KillTree(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new FunctionBuildException($"function `{function.Name}`: dotnet build took longer than {BuildTimeout}");
        }

        var standardOutput = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new FunctionBuildException(
                $"function `{function.Name}`: dotnet build failed (exit code {process.ExitCode}):{Environment.NewLine}{Tail(errors + standardOutput)}");
        }

        var assembly = standardOutput.Trim();
        if (!assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || !File.Exists(assembly))
        {
            throw new FunctionBuildException($"function `{function.Name}`: the build did not produce a runnable dll (TargetPath: {Tail(standardOutput)})");
        }

        logger.LogInformation("Built {Function} in {Seconds:F1} s → {Assembly}", function.Name, stopwatch.Elapsed.TotalSeconds, assembly);
        return new FunctionArtifact(function.Name, project, assembly);
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Take(30).ToList();
        return string.Join(Environment.NewLine, errors.Count > 0 ? errors : lines.TakeLast(30));
    }
}
