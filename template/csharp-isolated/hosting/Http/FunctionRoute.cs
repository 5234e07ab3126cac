using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The ASP.NET Core route of each HTTP function, as Azure Functions maps it:
/// <c>/{routePrefix}/{Route}</c>, or <c>/{routePrefix}/{FunctionName}</c> without a Route. The
/// OpenFaaS gateway strips <c>/function/&lt;name&gt;</c>, so a call reaches
/// <c>/function/&lt;name&gt;/api/&lt;FunctionName&gt;</c>. With
/// <see cref="HttpRoutes.SingleFunctionAtRoot"/> the app's only HTTP function answers every path.
/// </summary>
internal sealed record FunctionRoute(FunctionEntry Function, string Pattern, IReadOnlyList<string> Methods)
{
    /// <summary>Catch-all parameter of a function served at the root; hidden from binding data.</summary>
    public const string AnyPathParameter = "__path";

    /// <exception cref="FunctionsStartupException">Two functions answer the same route and method, or the root setting meets several functions.</exception>
    public static IReadOnlyList<FunctionRoute> For(IEnumerable<FunctionEntry> httpFunctions, HttpRoutes settings)
    {
        var functions = httpFunctions.ToList();
        if (settings.SingleFunctionAtRoot && functions.Count > 1)
        {
            throw new FunctionsStartupException(
                $"host.json sets {HttpRoutes.SingleFunctionAtRootPath.Replace(':', '.')}, but the app has {functions.Count} HTTP functions ({string.Join(", ", functions.Select(f => f.Name))}); it needs exactly one.");
        }

        var routes = functions.Select(f => new FunctionRoute(
            f,
            settings.SingleFunctionAtRoot ? "/{**" + AnyPathParameter + "}" : PatternOf(f, settings.RoutePrefix),
            [.. (f.HttpTrigger!.Methods ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim().ToUpperInvariant()).Distinct()]))
            .ToList();

        for (var i = 0; i < routes.Count; i++)
        {
            for (var j = i + 1; j < routes.Count; j++)
            {
                var (a, b) = (routes[i], routes[j]);
                var shareMethod = a.Methods.Count == 0 || b.Methods.Count == 0 || a.Methods.Intersect(b.Methods).Any();
                if (string.Equals(a.Pattern, b.Pattern, StringComparison.OrdinalIgnoreCase) && shareMethod)
                {
                    throw new FunctionsStartupException(
                        $"functions '{a.Function.Name}' and '{b.Function.Name}' both answer {a.Pattern} for the same method; give one of them another Route.");
                }
            }
        }

        return routes;
    }

    private static string PatternOf(FunctionEntry function, string routePrefix)
    {
        // Azure: Route ?? FunctionName, under the prefix.
        var route = (function.HttpTrigger!.Route ?? function.Name).Trim().Trim('/');
        // Without a leading "/", as Azure writes the pattern (RouteEndpoint.RoutePattern.RawText).
        return string.Join('/', new[] { routePrefix, route }.Where(p => p.Length > 0));
    }
}
