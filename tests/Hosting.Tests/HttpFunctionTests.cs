using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>Microsoft's isolated-worker samples and HTTP features, served by the sample app as a real process.</summary>
public sealed class HttpFunctionTests(SampleAppFixture app) : IClassFixture<SampleAppFixture>
{
    private HttpClient Client => app.Client;

    [Fact]
    public async Task Static_sample_logs_through_GetLogger_and_answers_with_WriteString()
    {
        // Azure's route for a function without Route: /api/<FunctionName>.
        var response = await Client.GetAsync("/api/HttpExample");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Welcome to Azure Functions!", await response.Content.ReadAsStringAsync());
        var line = await app.Process.WaitForLogAsync(l =>
            l.GetProperty("Category").GetString() == "HttpExample"
            && l.GetProperty("Message").GetString() == "C# HTTP trigger function processed a request.");
        Assert.Equal("Information", line.GetProperty("LogLevel").GetString());
    }

    [Fact]
    public async Task Instance_function_gets_its_constructor_services_the_route_value_and_the_middleware_mark()
    {
        var response = await Client.GetAsync("/api/greet/ada");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Hello, ada!", body.GetProperty("Greeting").GetString());
        Assert.Equal("ada", body.GetProperty("FromBindingData").GetString());
        Assert.Equal("middleware saw greet", body.GetProperty("Stamp").GetString());
    }

    [Fact]
    public async Task Route_and_query_values_bind_to_typed_parameters()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>("/api/items/7?count=3");
        Assert.Equal(7, body.GetProperty("Id").GetInt32());
        Assert.Equal(3, body.GetProperty("Count").GetInt32());

        var withDefault = await Client.GetFromJsonAsync<JsonElement>("/api/items/8");
        Assert.Equal(1, withDefault.GetProperty("Count").GetInt32());
    }

    [Fact]
    public async Task A_value_that_does_not_convert_is_a_400_naming_it_and_a_failed_route_constraint_is_a_404()
    {
        var badQuery = await Client.GetAsync("/api/items/7?count=many");
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        var problem = await badQuery.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bad_request", problem.GetProperty("error").GetString());
        Assert.Contains("'count'", problem.GetProperty("message").GetString(), StringComparison.Ordinal);

        var badRoute = await Client.GetAsync("/api/items/seven");
        Assert.Equal(HttpStatusCode.NotFound, badRoute.StatusCode);
    }

    [Fact]
    public async Task A_FromBody_parameter_is_read_as_json_and_bad_json_is_a_400()
    {
        var good = await Client.PostAsync("/api/reviews", new StringContent("""{"stars":5,"text":"fast pulls"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("good", (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Verdict").GetString());

        var bad = await Client.PostAsync("/api/reviews", new StringContent("{\"stars\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Function_level_needs_the_function_key_or_the_admin_key()
    {
        var order = new { sku = "flink-1.17", quantity = 2, unitPrice = 1.5m };

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsJsonAsync("/api/orders", order)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWithKeyAsync("/api/orders", order, "not-the-key")).StatusCode);

        var withHeader = await PostWithKeyAsync("/api/orders", order, SecretsFolder.FunctionKey);
        Assert.Equal(HttpStatusCode.Created, withHeader.StatusCode);
        var created = await withHeader.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3.0m, created.GetProperty("Total").GetDecimal());
        Assert.Equal("flink-1.17", created.GetProperty("Sku").GetString());

        var withCode = await Client.PostAsJsonAsync($"/api/orders?code={SecretsFolder.FunctionKey}", order);
        Assert.Equal(HttpStatusCode.Created, withCode.StatusCode);

        var withAdminKey = await PostWithKeyAsync("/api/orders", order, SecretsFolder.AdminKey);
        Assert.Equal(HttpStatusCode.Created, withAdminKey.StatusCode);
    }

    [Fact]
    public async Task Admin_level_needs_the_admin_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithKeyAsync("/api/admin", SecretsFolder.FunctionKey)).StatusCode);
        var admin = await GetWithKeyAsync("/api/admin", SecretsFolder.AdminKey);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("admin", await admin.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var small = await Client.PostAsync("/api/echo", new StringContent(new string('a', 512), Encoding.UTF8));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("512", await small.Content.ReadAsStringAsync());

        var large = await Client.PostAsync("/api/echo", new StringContent(new string('a', (int)SampleAppFixture.BodyLimit * 2), Encoding.UTF8));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("payload_too_large", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_generic_500_and_the_details_go_to_the_log_only()
    {
        var response = await Client.GetAsync("/api/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal("internal_error", body.GetProperty("error").GetString());
        var invocationId = body.GetProperty("invocationId").GetString();

        var logged = await app.Process.WaitForLogAsync(l =>
            l.GetProperty("LogLevel").GetString() == "Error"
            && l.GetProperty("Message").GetString()!.Contains(invocationId!, StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException", logged.GetProperty("Exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_and_paths_no_function_answers_are_405_and_404()
    {
        var wrongMethod = await Client.DeleteAsync("/api/greet/ada");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);

        var unknown = await Client.GetAsync("/api/no/such/function");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("not_found", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_and_health_answer_200()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/_/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/_/health")).StatusCode);
    }

    [Fact]
    public async Task The_call_id_function_name_and_invocation_id_are_scopes_of_every_log_line_of_the_call()
    {
        var callId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/greet/grace");
        request.Headers.Add("X-Call-Id", callId);

        (await Client.SendAsync(request)).EnsureSuccessStatusCode();

        // The function's own line (ILogger<T> from its constructor) carries the scopes.
        var line = await app.Process.WaitForLogAsync(l =>
            l.GetProperty("Message").GetString() == "Greeting grace" && HasScope(l, "CallId", callId));
        Assert.True(HasScope(line, "FunctionName", "greet"));
        var invocation = line.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("InvocationId", out _));
        Assert.True(Guid.TryParse(invocation.GetProperty("InvocationId").GetString(), out _));
    }

    [Fact]
    public async Task A_call_id_longer_than_an_id_is_cut_before_it_reaches_the_log_lines_of_the_call()
    {
        // Issue 12 item 6: the call id is a scope of every line, so a caller's 16 KB id was 16 KB per line.
        var prefix = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/greet/linus");
        request.Headers.Add("X-Call-Id", prefix + new string('x', 16_000));

        (await Client.SendAsync(request)).EnsureSuccessStatusCode();

        var line = await app.Process.WaitForLogAsync(l =>
            l.GetProperty("Message").GetString() == "Greeting linus" && ScopeValue(l, "CallId")?.StartsWith(prefix, StringComparison.Ordinal) == true);
        Assert.Equal(OpenFaaS.Functions.Worker.Http.HttpInvocationHandler.MaxCallIdLength, ScopeValue(line, "CallId")!.Length);
        Assert.True(line.GetRawText().Length < 4096, $"a log line of {line.GetRawText().Length} characters");
    }

    private static string? ScopeValue(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _)).Select(s => s.GetProperty(name).GetString()).FirstOrDefault()
            : null;

    internal static bool HasScope(JsonElement line, string name, string value) =>
        line.TryGetProperty("Scopes", out var scopes)
        && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var v) && v.GetString() == value);

    private Task<HttpResponseMessage> PostWithKeyAsync(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", key);
        return Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetWithKeyAsync(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", key);
        return Client.SendAsync(request);
    }
}
