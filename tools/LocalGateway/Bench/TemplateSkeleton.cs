using ImageCacheFunctions.LocalGateway.Functions;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>
/// The template's skeleton (template/csharp-isolated/function, what `faas-cli new` gives), published
/// as the Dockerfile publishes it: JIT as the functions are, and NativeAOT as `--build-arg AOT=true`
/// does. Its cold start is spawn → the first 200 from its own function, <c>/api/HttpExample</c>.
/// </summary>
internal static class TemplateSkeleton
{
    public const string FunctionPath = "/api/HttpExample";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    /// <summary>JIT, published as the functions are (<see cref="FunctionBuilder.PublishAsShipped"/>, or plain with `--as-built`).</summary>
    public static async Task<BenchSubject> PublishAsync(string repository, string output, bool asShipped, ILogger logger, CancellationToken cancellationToken)
    {
        string[] how = asShipped ? [.. FunctionBuilder.PublishAsShipped] : ["-c", "Release"];
        await PublishAsync(repository, output, how, "template skeleton", logger, cancellationToken).ConfigureAwait(false);
        return new BenchSubject(
            asShipped ? "template skeleton (JIT, published as the functions)" : "template skeleton (JIT, as built)",
            DotnetHost.Path, [Path.Combine(output, "function.dll")], Environment, FunctionPath);
    }

    /// <returns>Null (with the reason logged) when NativeAOT cannot be published on this machine.</returns>
    public static async Task<BenchSubject?> PublishAotAsync(string repository, string output, ILogger logger, CancellationToken cancellationToken)
    {
        string[] how = ["-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true"];
        try
        {
            await PublishAsync(repository, output, how, "template skeleton (NativeAOT)", logger, cancellationToken).ConfigureAwait(false);
        }
        catch (FunctionBuildException e)
        {
            logger.LogWarning("NativeAOT publish of the template skeleton failed, its row is left out: {Reason}", e.Message);
            return null;
        }

        return new BenchSubject("template skeleton, NativeAOT", Path.Combine(output, "function"), [], Environment, FunctionPath);
    }

    private static async Task PublishAsync(string repository, string output, string[] how, string what, ILogger logger, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repository, "template", "csharp-isolated", "function", "Function.csproj");
        logger.LogInformation("Publishing the {What} ({Project})", what, project);
        // Build outputs beside the publish, not in the template's folder.
        var artifacts = output + ".artifacts";
        await DotnetCommand.RunAsync(
            ["publish", project, .. how, "--artifacts-path", artifacts, "-o", output, "-nologo", "-nodeReuse:false", "-clp:ErrorsOnly"],
            repository, what, PublishTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string?> Environment(int port) => new(StringComparer.Ordinal)
    {
        ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ASPNETCORE_URLS"] = null,
        ["ASPNETCORE_HTTP_PORTS"] = null,
    };
}
