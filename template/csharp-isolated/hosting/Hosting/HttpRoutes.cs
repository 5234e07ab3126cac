namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>
/// Where HTTP functions answer. As on Azure: <c>/{routePrefix}/{Route ?? FunctionName}</c>, with
/// host.json's <c>extensions.http.routePrefix</c> ("api" by default, "" for none). The template's
/// own setting <c>openfaas.http.singleFunctionAtRoot</c> (host.json) serves an app's only HTTP
/// function at "/" and every path below it, which suits a one-endpoint OpenFaaS function.
/// </summary>
internal sealed record HttpRoutes(string RoutePrefix, bool SingleFunctionAtRoot)
{
    public const string DefaultRoutePrefix = "api";
    public const string RoutePrefixPath = "extensions:http:routePrefix";
    public const string SingleFunctionAtRootPath = "openfaas:http:singleFunctionAtRoot";

    /// <exception cref="FunctionsStartupException">A value is invalid.</exception>
    public static HttpRoutes From(HostJson hostJson)
    {
        var prefix = (hostJson[RoutePrefixPath] ?? DefaultRoutePrefix).Trim().Trim('/');
        var atRoot = hostJson[SingleFunctionAtRootPath]?.Trim();
        return new HttpRoutes(prefix, atRoot?.ToLowerInvariant() switch
        {
            null or "" or "false" => false,
            "true" => true,
            _ => throw new FunctionsStartupException(
                $"host.json value {SingleFunctionAtRootPath.Replace(':', '.')} is '{atRoot}'; expected true or false."),
        });
    }
}
