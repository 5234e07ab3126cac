using System.Net;
using System.Net.Http.Headers;
using ImageCacheFunctions.Hosting.Tests.SampleApp;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// The host's /metrics, as Prometheus scrapes it: text format 0.0.4 by default, OpenMetrics on
/// request (https://prometheus.io/docs/instrumenting/exposition_formats/), no key needed.
/// </summary>
public sealed class MetricsTests(SampleAppFixture app) : IClassFixture<SampleAppFixture>
{
    private HttpClient Client => app.Client;

    [Fact]
    public async Task Invocations_are_counted_by_function_trigger_and_status_class_with_their_durations()
    {
        var before = await PrometheusScrape.GetAsync(Client, "/metrics");

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/greet/ada")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/greet/bob")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/items/7?count=many")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Client.GetAsync("/api/boom")).StatusCode);

        var after = await PrometheusScrape.GetAsync(Client, "/metrics");
        double Delta(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);

        Assert.Equal(2, Delta("functions_invocations_total", ("function", "greet"), ("trigger", "http"), ("status", "2xx")));
        Assert.Equal(1, Delta("functions_invocations_total", ("function", "item"), ("trigger", "http"), ("status", "4xx")));
        Assert.Equal(1, Delta("functions_invocations_total", ("function", "boom"), ("trigger", "http"), ("status", "5xx")));
        Assert.Equal(2, Delta("functions_invocation_duration_seconds_count", ("function", "greet"), ("trigger", "http")));
        Assert.Equal(2, Delta("functions_invocation_duration_seconds_bucket", ("function", "greet"), ("trigger", "http"), ("le", "+Inf")));
        Assert.Equal(0, after.Value("functions_invocations_in_flight", ("function", "greet")));
        Assert.True(after.Value("functions_host_startup_seconds") > 0);
        Assert.Equal("counter", after.Types["functions_invocations_total"]);
        Assert.Equal("histogram", after.Types["functions_invocation_duration_seconds"]);
        Assert.True(after.Has("process_start_time_seconds"));
    }

    [Fact]
    public async Task A_cron_connector_post_counts_as_a_connector_invocation_of_each_timer_function()
    {
        var before = await PrometheusScrape.GetAsync(Client, "/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Connector", "cron-connector");
        request.Headers.Add("x-functions-key", SecretsFolder.FunctionKey);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(request)).StatusCode);

        var after = await PrometheusScrape.GetAsync(Client, "/metrics");
        Assert.Equal(1, after.Value("functions_invocations_total", ("function", "FastTimer"), ("trigger", "connector"), ("status", "2xx"))
            - before.Value("functions_invocations_total", ("function", "FastTimer"), ("trigger", "connector"), ("status", "2xx")));
    }

    [Fact]
    public async Task Metrics_need_no_key_and_answer_in_the_prometheus_text_format_or_openmetrics_when_asked()
    {
        var text = await Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Contains("version=0.0.4", text.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        var open = await Client.SendAsync(request);
        Assert.Equal("application/openmetrics-text", open.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("# EOF\n", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
