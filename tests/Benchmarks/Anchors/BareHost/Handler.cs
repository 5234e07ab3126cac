namespace ImageCacheFunctions.Benchmarks.Anchors.BareHost;

/// <summary>The template's handler: services and endpoints, nothing else.</summary>
internal static class Handler
{
    public static void MapEndpoints(WebApplication app) => app.MapGet("/", () => "Hello from the bare host.");

    public static void MapServices(IServiceCollection services)
    {
        // The template's hook for a function's services; the anchor registers none.
        _ = services;
    }
}
