using System.Text.Json;

// Everything the function saw, as JSON, so a test can compare it with what it sent.
var port = Environment.GetEnvironmentVariable("PORT")
    ?? throw new InvalidOperationException("PORT is not set");
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();

app.MapGet("/_/ready", () => Results.Text("ok"));

// Dies mid-request, as a crashing function would.
app.MapPost("/crash", () =>
{
    Environment.Exit(3);
    return Results.Ok();
});
app.Map("/{**path}", async (HttpContext context) =>
{
    using var reader = new StreamReader(context.Request.Body);
    var body = await reader.ReadToEndAsync(context.RequestAborted);
    var echo = new Dictionary<string, object?>
    {
        ["pid"] = Environment.ProcessId,
        ["method"] = context.Request.Method,
        ["path"] = context.Request.Path.Value,
        ["query"] = context.Request.QueryString.Value,
        ["body"] = body,
        ["headers"] = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        ["environment"] = new Dictionary<string, string?>
        {
            ["FUNCTIONS_TIMER_MODE"] = Environment.GetEnvironmentVariable("FUNCTIONS_TIMER_MODE"),
            ["OPENFAAS_SECRETS_DIR"] = Environment.GetEnvironmentVariable("OPENFAAS_SECRETS_DIR"),
            ["KUBECONFIG"] = Environment.GetEnvironmentVariable("KUBECONFIG"),
            ["Eci__Endpoint"] = Environment.GetEnvironmentVariable("Eci__Endpoint"),
            ["Eci__RegionId"] = Environment.GetEnvironmentVariable("Eci__RegionId"),
            ["Echo__Greeting"] = Environment.GetEnvironmentVariable("Echo__Greeting"),
        },
    };
    context.Response.Headers["X-Echo-Pid"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    await context.Response.WriteAsJsonAsync(echo, JsonSerializerOptions.Web, context.RequestAborted);
});

await app.RunAsync();
