using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>Connector mode (under of-watchdog): the cron-connector's POST runs the timer functions.</summary>
public sealed class CronConnectorTests(SampleAppFixture app) : IClassFixture<SampleAppFixture>
{
    [Fact]
    public async Task A_cron_connector_post_runs_the_timer_functions_with_their_next_occurrence()
    {
        var before = DateTime.UtcNow;
        var callId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Connector", "cron-connector");
        request.Headers.Add("X-Topic", "cron-function");
        request.Headers.Add("X-Call-Id", callId);

        var response = await app.Client.SendAsync(request);
        var after = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runs = report.GetProperty("timers").EnumerateArray().ToList();
        Assert.Equal(["FastTimer", "TimerFunction"], runs.Select(r => r.GetProperty("function").GetString()).Order());
        Assert.All(runs, r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));

        // The sample timer recorded the run with ScheduleStatus.Next: the next 5-minute boundary.
        var ledger = await app.Client.GetFromJsonAsync<JsonElement>("/api/ledger");
        var run = ledger.EnumerateArray().Last(r => r.GetProperty("Function").GetString() == "TimerFunction");
        var next = run.GetProperty("Next").GetDateTime().ToUniversalTime();
        Assert.True(next > before);
        Assert.True(next <= after.AddMinutes(5));
        Assert.Equal(0, next.Minute % 5);
        Assert.Equal(0, next.Second);

        // Microsoft's sample logs the next occurrence, inside the call's scope.
        await app.Process.WaitForLogAsync(l =>
            l.GetProperty("Message").GetString()!.StartsWith("Next timer schedule at:", StringComparison.Ordinal)
            && HttpFunctionTests.HasScope(l, "CallId", callId));
    }

    [Fact]
    public async Task A_post_without_the_connector_header_goes_to_the_http_function()
    {
        var runsBefore = (await app.Client.GetFromJsonAsync<JsonElement>("/api/ledger")).GetArrayLength();

        var response = await app.Client.PostAsync("/api/HttpExample", content: null);

        Assert.Equal("Welcome to Azure Functions!", await response.Content.ReadAsStringAsync());
        Assert.Equal(runsBefore, (await app.Client.GetFromJsonAsync<JsonElement>("/api/ledger")).GetArrayLength());
    }
}
