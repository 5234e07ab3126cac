using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// The sample app's mirrors of Microsoft's isolated-worker samples
/// (Azure/azure-functions-dotnet-worker, samples/), run as a process and called as Azure would
/// be: /api/&lt;FunctionName&gt; routes, the answers the samples document.
/// </summary>
public sealed class MicrosoftSampleTests(SampleAppFixture app) : IClassFixture<SampleAppFixture>
{
    private HttpClient Client => app.Client;

    // samples/AspNetIntegration/SimpleHttpTrigger/SimpleHttpTrigger.cs: OkObjectResult(string) goes through MVC's string formatter.
    [Fact]
    public async Task AspNetIntegration_SimpleHttpTrigger_answers_the_IActionResult_as_text()
    {
        var response = await Client.GetAsync("/api/SimpleHttpTrigger");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Welcome to Azure Functions!", await response.Content.ReadAsStringAsync());

        var httpData = await Client.GetAsync("/api/SimpleHttpTriggerHttpData");
        Assert.Equal(HttpStatusCode.OK, httpData.StatusCode);
        Assert.Equal("Welcome to Azure Functions (HttpData)", await httpData.Content.ReadAsStringAsync());
    }

    // samples/AspNetIntegration/BodyBindingHttpTrigger.cs: [FromBody] Person beside HttpRequest, echoed by OkObjectResult (MVC JSON, camelCase).
    [Fact]
    public async Task AspNetIntegration_BodyBinding_binds_the_body_and_MVC_writes_it_back()
    {
        var response = await Client.PostAsync("/api/BodyBindingHttpTrigger", new StringContent("""{"Name":"Ada","Age":36}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"name":"Ada","age":36}""", await response.Content.ReadAsStringAsync());
    }

    // samples/AspNetIntegration/MultipleOutputBindings.cs: the [HttpResult] IActionResult answers; the queue output is dropped with a warning.
    [Fact]
    public async Task AspNetIntegration_MultipleOutputBindings_answers_with_the_HttpResult_property_and_warns_once_about_the_queue()
    {
        var response = await Client.PostAsync("/api/MultipleOutputBindings", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("C# HTTP trigger function processed a request.", await response.Content.ReadAsStringAsync());
        var warnings = await WarningsAboutAsync("MultipleOutputBindings");
        Assert.Single(warnings);
        Assert.Contains("[QueueOutput] MessageText", warnings[0], StringComparison.Ordinal);
    }

    // samples/AspNetIntegration/RoutingMiddleware.cs: middleware reads the HttpContext and its RouteEndpoint; the function returns an IResult.
    [Fact]
    public async Task AspNetIntegration_middleware_sees_the_route_endpoint_and_an_IResult_answers()
    {
        var response = await Client.GetAsync("/api/minimal/5");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, body.GetProperty("id").GetInt32());
        Assert.Equal("GET api/minimal/{id:int} MinimalResult", body.GetProperty("route").GetString());
        Assert.True(body.GetProperty("sameContext").GetBoolean());
    }

    // samples/CustomMiddleware: MyCustomMiddleware's items both ways, StampHttpHeaderMiddleware's header via GetHttpResponseData().
    [Fact]
    public async Task CustomMiddleware_HttpFunction_passes_items_both_ways_and_gets_the_correlation_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/HttpFunction");
        request.Headers.Add("x-correlationId", "corr-42");
        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Welcome to .NET 6!!", await response.Content.ReadAsStringAsync());
        Assert.Equal("corr-42", Assert.Single(response.Headers.GetValues("x-correlationId")));
        await app.Process.WaitForLogAsync(l => l.GetProperty("Message").GetString() == "From middleware: Hello, from middleware");
        await app.Process.WaitForLogAsync(l => l.GetProperty("Message").GetString() == "From function: Hello from function!");
    }

    // samples/CustomMiddleware/ExceptionHandlingMiddleware.cs: it replaces the invocation result (GetInvocationResult) ...
    [Fact]
    public async Task CustomMiddleware_exception_handling_replaces_the_invocation_result()
    {
        var response = await Client.GetAsync("/api/HttpFunction?throw-exception");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"FooStatus":"Invocation failed!"}""", await response.Content.ReadAsStringAsync());
    }

    // ... or the http output binding of a multi-output type (GetOutputBindings), samples/CustomMiddleware/HttpTriggerWithMultipleOutputBindings.cs.
    [Fact]
    public async Task CustomMiddleware_multi_output_type_answers_with_its_HttpResponseData_property_and_middleware_can_replace_it()
    {
        var response = await Client.GetAsync("/api/HttpTriggerWithMultipleOutputBindings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Success!", await response.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(Assert.Single(response.Headers.GetValues("x-correlationId")), out _));

        var failed = await Client.GetAsync("/api/HttpTriggerWithMultipleOutputBindings?throw-exception");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("""{"FooStatus":"Invocation failed!"}""", await failed.Content.ReadAsStringAsync());
    }

    // samples/FunctionApp/HttpTriggerSimple/HttpTriggerSimple.cs: [FromBody] POCO beside HttpRequestData, its headers, and LogMetric.
    [Fact]
    public async Task FunctionApp_HttpTriggerSimple_binds_the_poco_keeps_its_headers_and_logs_the_metric()
    {
        var response = await Client.PostAsync("/api/HttpTriggerSimple", new StringContent("""{"name":"Ada"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(new DateTimeOffset(2016, 7, 18, 16, 6, 0, TimeSpan.Zero), response.Headers.Date);
        Assert.Equal("Hello Ada!", await response.Content.ReadAsStringAsync());
        var metric = await app.Process.WaitForLogAsync(l => l.GetProperty("Message").GetString()!.StartsWith("Metric funcExecutionTimeMs = ", StringComparison.Ordinal));
        var state = metric.GetProperty("State");
        Assert.Equal("funcExecutionTimeMs", state.GetProperty("Name").GetString());
        Assert.True(state.GetProperty("Value").GetDouble() >= 0);
        Assert.Equal("bar", state.GetProperty("foo").GetString());
        Assert.Equal(42, state.GetProperty("baz").GetInt32());
    }

    // samples/Configuration/HttpFunction.cs: a returned POCO in the worker's default JSON (property names as declared).
    [Fact]
    public async Task Configuration_HttpFunction_returns_the_poco_in_the_default_json()
    {
        var response = await Client.GetAsync("/api/ConfigurationHttpFunction");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"camelCasePropertyName":"value","PascalCasePropertyName":"value","NullValue":null,"Changed_Via_System_Text_Json":"value"}""", await response.Content.ReadAsStringAsync());
    }

    // samples/FunctionApp/QueueTrigger/QueueTrigger.cs: a trigger with no OpenFaaS counterpart is left out, once, by name.
    [Fact]
    public async Task FunctionApp_QueueTrigger_is_not_served_and_warned_about_once()
    {
        var warnings = await WarningsAboutAsync("QueueTrigger");

        Assert.Single(warnings);
        Assert.Contains("is not served", warnings[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/QueueTrigger")).StatusCode);
    }

    private async Task<List<string>> WarningsAboutAsync(string function)
    {
        // Start-up lines come before the first answer, so they are all there once one is found.
        await app.Process.WaitForLogAsync(l => l.GetProperty("LogLevel").GetString() == "Warning" && l.GetProperty("Message").GetString()!.StartsWith($"Function '{function}' ", StringComparison.Ordinal));
        return [.. app.Process.StandardOutput
            .Select(l => l.TrimStart().StartsWith('{') ? JsonDocument.Parse(l).RootElement : default)
            .Where(l => l.ValueKind == JsonValueKind.Object && l.GetProperty("LogLevel").GetString() == "Warning")
            .Select(l => l.GetProperty("Message").GetString()!)
            .Where(m => m.StartsWith($"Function '{function}' ", StringComparison.Ordinal))];
    }
}
