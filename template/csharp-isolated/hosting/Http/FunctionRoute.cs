using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The ASP.NET Core route of each HTTP function. The gateway strips <c>/function/&lt;name&gt;</c>,
/// so a Route is relative to "/" (no "api/" prefix). A function without a Route answers at "/";
/// when it is the process's only HTTP function it answers at every path.
/// </summary>
internal sealed record FunctionRoute(FunctionEntry Function, string Pattern, IReadOnlyList<string> Methods)
{
    /// <summary>Catch-all parameter of the only route-less function; hidden from binding data.</summary>
    public const string AnyPathParameter = "__path";

    public static IReadOnlyList<FunctionRoute> For(IEnumerable<FunctionEntry> httpFunctions)
    {
        var functions = httpFunctions.ToList();
        var routes = functions.Select(f => new FunctionRoute(
            f,
            PatternOf(f, onlyFunction: functions.Count == 1),
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
                        $"functions '{a.Function.Name}' and '{b.Function.Name}' both answer {a.Pattern} for the same method; give one of them a Route.");
                }
            }
        }

        return routes;
    }

    private static string PatternOf(FunctionEntry function, bool onlyFunction)
    {
        var route = function.HttpTrigger!.Route?.Trim().Trim('/');
        if (!string.IsNullOrEmpty(route))
        {
            return "/" + route;
        }

        return onlyFunction ? "/{**" + AnyPathParameter + "}" : "/";
    }
}
