using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>Outside OpenFaaS (no fprocess), timers fire from an in-process Quartz.NET schedule, and only from there.</summary>
public sealed class QuartzModeTests
{
    [Fact]
    public async Task Timers_fire_in_process_and_a_cron_connector_post_is_refused()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        await using var process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
            ["FastTimerSchedule"] = "* * * * * *",
        });
        using var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await process.WaitUntilReadyAsync(client);

        // The every-second timer runs by itself: wait for its run (bounded), then read the ledger.
        await process.WaitForLogAsync(l =>
            l.GetProperty("Message").GetString()!.StartsWith("Executed 'Functions.FastTimer' (Succeeded", StringComparison.Ordinal));
        var ledger = await client.GetFromJsonAsync<JsonElement>("/api/ledger");
        var run = ledger.EnumerateArray().First(r => r.GetProperty("Function").GetString() == "FastTimer");
        Assert.NotEqual(default, run.GetProperty("Next").GetDateTime());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Connector", "cron-connector");
        var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Sigterm_stops_the_host_gracefully()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        await using var process = SampleProcess.Start(new Dictionary<string, string?>
        {
            ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
            ["FastTimerSchedule"] = "0 0 0 1 1 *",
        });
        using var client = new HttpClient { BaseAddress = process.BaseAddress };
        await process.WaitUntilReadyAsync(client);

        process.Terminate();

        Assert.Equal(0, await process.WaitForExitAsync());
        await process.WaitForLogAsync(l => l.GetProperty("Message").GetString() == "Application is shutting down...");
    }
}
