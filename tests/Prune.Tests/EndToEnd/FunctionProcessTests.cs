using ImageCacheFunctions.ImageCaches.Answers;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImageCacheFunctions.ImageCaches.Operations;
using ImageCacheFunctions.ImageCaches.Operations.Prune;
using ImageCacheFunctions.Prune.Tests.Support;
using ImageCacheFunctions.Tests.Support;

namespace ImageCacheFunctions.Prune.Tests.EndToEnd;

/// <summary>The function itself, as a process over HTTP, against both emulators.</summary>
public sealed class FunctionProcessTests
{
    [Fact]
    public async Task The_function_answers_a_dry_run_then_prunes_and_refuses_bad_queries()
    {
        // The process has the system clock, so the ECI emulator follows it too.
        await using var harness = await PruneHarness.StartAsync(liveClock: true);
        var orphan = await harness.CreateOrphanAsync("gone", "uid-gone");
        var kept = await harness.Store.CreateAsync(PruneHarness.Cache("kept", retentionDays: 30), CancellationToken.None);
        var settings = harness.Configuration(new Dictionary<string, string?>
        {
            ["Prune:OrphanGracePeriod"] = "00:00:00",
            ["Prune:ClockSkewMargin"] = "00:00:00",
        });
        await using var function = await FunctionProcess.StartAsync(typeof(Functions.PruneExpired.PruneFunctions).Assembly.Location, settings);
        var http = function.Client;

        using (var dry = await PostAsync(http, function, "?dryRun=true"))
        {
            Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
            Assert.Equal("application/json", dry.Content.Headers.ContentType?.MediaType);
            var report = (await dry.Content.ReadFromJsonAsync<PruneReport>(AnswerJson.Options))!;
            Assert.True(report.DryRun);
            Assert.Empty(report.Deleted);
            Assert.Equal(orphan, Assert.Single(report.WouldDelete).ImageCacheId);
            Assert.Equal(orphan, Assert.Single(report.Candidates["orphan"]).ImageCacheId);
        }

        Assert.Empty(harness.EciDeletes());
        Assert.NotNull(await harness.EciCacheAsync(orphan));

        foreach (var (query, mentions) in new[]
        {
            ("?policy=expired,bogus", "bogus"),
            ("?policy=", "no prune policy"),
            ("?dryRun=maybe", "dryRun"),
            ("?dryRun=true&dryRun=false", "dryRun"),
            ("?dryRun=true&force=1", "force"),
        })
        {
            using var refused = await PostAsync(http, function, query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("bad_request", body.RootElement.GetProperty("error").GetString());
            Assert.Contains(mentions, body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(harness.EciDeletes());

        using (var withoutKey = await http.PostAsync(new Uri(function.BaseAddress, "?dryRun=true"), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        }

        using (var real = await PostAsync(http, function, "?policy=orphan"))
        {
            Assert.Equal(HttpStatusCode.OK, real.StatusCode);
            var report = (await real.Content.ReadFromJsonAsync<PruneReport>(AnswerJson.Options))!;
            Assert.False(report.DryRun);
            Assert.Equal(["orphan"], report.Policies);
            Assert.Equal(orphan, Assert.Single(report.Deleted).ImageCacheId);
        }

        Assert.Null(await harness.EciCacheAsync(orphan));
        Assert.NotNull(await harness.FindAsync(kept.Metadata.Name));

        // A cron-connector call runs the timer function when it is due: the hourly [TimerTrigger]
        // has an occurrence within the call's window (template README, Timers: from 55 s before
        // the call to 5 s after it). Off schedule the call runs nothing and prunes nothing. A call
        // whose window edge falls between the two clock readings asserts only the answer.
        var second = await harness.CreateOrphanAsync("gone-too", "uid-gone-too");
        var before = DateTime.UtcNow;
        using (var cron = new HttpRequestMessage(HttpMethod.Post, function.BaseAddress))
        {
            cron.Headers.Add("X-Connector", "cron-connector");
            cron.Headers.Add("X-Topic", "cron-function");
            cron.Headers.Add("x-functions-key", FunctionProcess.FunctionKey);
            using var answer = await http.SendAsync(cron);
            var after = DateTime.UtcNow;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            var runs = body.RootElement.GetProperty("timers").EnumerateArray().ToList();
            if (HourlyTimerDue(before) && HourlyTimerDue(after))
            {
                var run = Assert.Single(runs);
                Assert.Equal("prune-expired-timer", run.GetProperty("function").GetString());
                Assert.Equal("succeeded", run.GetProperty("status").GetString());
                Assert.Null(await harness.EciCacheAsync(second));
            }
            else if (!HourlyTimerDue(before) && !HourlyTimerDue(after))
            {
                Assert.Empty(runs);
                Assert.NotNull(await harness.EciCacheAsync(second));
            }
        }

        Assert.NotNull(await harness.FindAsync(kept.Metadata.Name));
    }

    private static bool HourlyTimerDue(DateTime utc)
    {
        var intoHour = TimeSpan.FromSeconds((utc.Minute * 60) + utc.Second);
        return intoHour < TimeSpan.FromSeconds(55) || intoHour >= TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(5);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, FunctionProcess function, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(function.BaseAddress, query));
        request.Headers.Add("x-functions-key", FunctionProcess.FunctionKey);
        return await http.SendAsync(request);
    }
}
