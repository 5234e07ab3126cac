using ImageCacheFunctions.LocalGateway.Functions;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// The floors a function is compared with, published in the same run from
/// tests/Benchmarks/Anchors: the bare host of OpenFaaS's dotnet8-csharp template shape (JIT,
/// framework-dependent, like a function) and a NativeAOT hello (the floor for .NET here).
/// </summary>
internal static class Anchors
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly string AnchorsFolder = Path.Combine("tests", "Benchmarks", "Anchors");

    /// <summary>
    /// The repository that holds the anchors: the stack file's folder or one above it, else the
    /// one this gateway was built in (a stack outside the repository, such as a test's, still
    /// gets this repository's anchors).
    /// </summary>
    public static string FindRepository(string stackFile)
    {
        foreach (var start in new[] { Path.GetDirectoryName(Path.GetFullPath(stackFile))!, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (Directory.Exists(Path.Combine(folder.FullName, AnchorsFolder)))
                {
                    return folder.FullName;
                }
            }
        }

        throw new FunctionBuildException($"no {AnchorsFolder} folder above {stackFile} or {AppContext.BaseDirectory}: the bench needs this repository's anchors");
    }

    /// <summary>
    /// Published as the functions are, so the two compare like with like: as shipped
    /// (<see cref="FunctionBuilder.PublishAsShipped"/>), or plain with `--as-built`.
    /// </summary>
    public static async Task<BenchSubject> PublishBareHostAsync(string repository, string output, bool asShipped, ILogger logger, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repository, AnchorsFolder, "BareHost", "BareHost.csproj");
        logger.LogInformation("Publishing the bare-host anchor ({Project})", project);
        string[] how = asShipped ? [.. FunctionBuilder.PublishAsShipped] : ["-c", "Release"];
        await DotnetCommand.RunAsync(["publish", project, .. how, "-o", output, "-nologo", "-nodeReuse:false"], repository, "anchor BareHost", PublishTimeout, cancellationToken).ConfigureAwait(false);
        return new BenchSubject(asShipped ? "bare host (dotnet8-csharp shape, published as the functions)" : "bare host (dotnet8-csharp shape, as built)", DotnetHost.Path, [Path.Combine(output, "BareHost.dll")], Environment, "/");
    }

    /// <returns>Null (with the reason logged) when NativeAOT cannot be published on this machine.</returns>
    public static async Task<BenchSubject?> PublishAotHelloAsync(string repository, string output, ILogger logger, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repository, AnchorsFolder, "AotHello", "AotHello.csproj");
        logger.LogInformation("Publishing the NativeAOT anchor ({Project}); the first time this takes about a minute", project);
        try
        {
            await DotnetCommand.RunAsync(["publish", project, "-c", "Release", "-o", output, "-nologo", "-nodeReuse:false"], repository, "anchor AotHello", PublishTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FunctionBuildException e)
        {
            logger.LogWarning("NativeAOT publish failed, the AOT anchor is left out: {Reason}", e.Message);
            return null;
        }

        return new BenchSubject("NativeAOT hello", Path.Combine(output, "AotHello"), [], Environment, "/");
    }

    private static Dictionary<string, string?> Environment(int port) => new(StringComparer.Ordinal)
    {
        ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ASPNETCORE_URLS"] = null,
        ["ASPNETCORE_HTTP_PORTS"] = null,
    };
}
