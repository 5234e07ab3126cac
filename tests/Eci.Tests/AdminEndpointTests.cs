using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>The emulator's /_emulator endpoints drive what tests drive in code.</summary>
public sealed class AdminEndpointTests
{
    [Fact]
    public async Task Faults_clock_last_matched_time_and_calls_over_HTTP()
    {
        await using var bed = await EciTestBed.StartAsync();
        using var http = new HttpClient { BaseAddress = bed.Emulator.BaseUri };
        var client = bed.Client(configure: o => o.MaxRetryAttempts = 0);
        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("admin"))).ImageCacheId;

        using (var r = await http.PostAsJsonAsync("_emulator/clock/advance", new { seconds = 600 }))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var matched = EciTestBed.Start.AddMinutes(7);
        using (var r = await http.PutAsJsonAsync($"_emulator/imagecaches/{id}/last-matched-time", new { time = matched }))
        {
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        }

        var cache = Assert.Single((await client.DescribeImageCachesAsync(new DescribeImageCachesRequest())).ImageCaches);
        Assert.Equal(ImageCacheStatus.Ready, cache.Status);
        Assert.Equal(matched, cache.LastMatchedTime);

        using (var r = await http.PutAsJsonAsync("_emulator/faults", new { serverErrorRate = 1.0 }))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));
        Assert.Equal(EciErrorCodes.ServiceUnavailable, error.Code);
        (await http.DeleteAsync("_emulator/faults")).Dispose();
        await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());

        using (var r = await http.PutAsJsonAsync("_emulator/faults", new { throttlingRate = 2.0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }

        using var calls = JsonDocument.Parse(await http.GetStringAsync("_emulator/calls"));
        var actions = calls.RootElement.EnumerateArray().Select(c => c.GetProperty("action").GetString()).ToList();
        Assert.Equal(["CreateImageCache", "DescribeImageCaches", "DescribeImageCaches", "DescribeImageCaches"], actions);
        Assert.DoesNotContain("EciEmulatorTestSecret", calls.RootElement.GetRawText(), StringComparison.Ordinal);

        using (var r = await http.PutAsJsonAsync("_emulator/imagecaches/imc-unknown/last-matched-time", new { time = matched }))
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        }
    }

    [Fact]
    public async Task One_shot_fault_queued_over_HTTP_hits_the_next_call_only()
    {
        await using var bed = await EciTestBed.StartAsync();
        using var http = new HttpClient { BaseAddress = bed.Emulator.BaseUri };
        using (var r = await http.PostAsJsonAsync("_emulator/faults/next?times=1", new { statusCode = 400, code = "Throttling.User", message = "slow down" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }

        await bed.Client().DescribeImageCachesAsync(new DescribeImageCachesRequest());
        Assert.Equal([400, 200], bed.Emulator.Calls.Snapshot().Select(c => c.StatusCode));
    }
}
