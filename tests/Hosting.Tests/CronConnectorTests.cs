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
        request.Headers.Add("x-functions-key", SecretsFolder.FunctionKey);

        var response = await app.Client.SendAsync(request);
        var after = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runs = report.GetProperty("timers").EnumerateArray().ToList();
        // FastTimer fires every second, so every call is due for it; the yearly timers never are
        // (which timers a call is due for is tested on a controlled clock in TimerInfoTests).
        Assert.Contains("FastTimer", runs.Select(r => r.GetProperty("function").GetString()));
        Assert.DoesNotContain("FlakyTimer", runs.Select(r => r.GetProperty("function").GetString()));
        Assert.All(runs, r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));

        // The timer recorded the run with ScheduleStatus.Next: the next second.
        var ledger = await app.Client.GetFromJsonAsync<JsonElement>("/api/ledger");
        var run = ledger.EnumerateArray().Last(r => r.GetProperty("Function").GetString() == "FastTimer");
        var next = run.GetProperty("Next").GetDateTime().ToUniversalTime();
        Assert.True(next > before);
        Assert.True(next <= after.AddSeconds(1));

        // Microsoft's sample logs the next occurrence, inside the call's scope.
        await app.Process.WaitForLogAsync(l =>
            l.GetProperty("Message").GetString()!.StartsWith("Executing 'Functions.FastTimer'", StringComparison.Ordinal)
            && HttpFunctionTests.HasScope(l, "CallId", callId));
    }

    // TimerTrigger.RunOnStartup: Azure runs the timer once when the host starts; so does connector mode.
    [Fact]
    public async Task A_RunOnStartup_timer_runs_once_at_start_in_connector_mode()
    {
        var line = await app.Process.WaitForLogAsync(l => l.GetProperty("Message").GetString()!.StartsWith("StartupTimer ran", StringComparison.Ordinal));

        Assert.Equal("StartupTimer ran, past due: False", line.GetProperty("Message").GetString());
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
