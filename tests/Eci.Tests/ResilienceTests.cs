using ImageCacheFunctions.Tests.Support;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Emulators.Eci.Faults;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>Retries only what is retryable and idempotent; every retry freshly signed.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task Throttling_is_retried_with_fresh_signatures_until_it_succeeds()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        bed.Emulator.Faults.Enqueue(InjectedFault.Throttling(), times: 2);

        var page = await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());

        Assert.Empty(page.ImageCaches);
        var calls = bed.Emulator.Calls.Snapshot();
        Assert.Equal([400, 400, 200], calls.Select(c => c.StatusCode));
        Assert.Equal(["Throttling.User", "Throttling.User", null], calls.Select(c => c.ErrorCode));
        Assert.Equal(3, calls.Select(c => c.Nonce).Distinct().Count());
    }

    [Fact]
    public async Task Throttling_rate_set_on_the_emulator_is_absorbed_by_retries()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client(configure: o => o.MaxRetryAttempts = 10);
        bed.Emulator.Faults.Settings = new FaultSettings(ThrottlingRate: 0.3);
        for (int i = 0; i < 20; i++)
        {
            await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());
        }

        Assert.Equal(20, bed.Emulator.Calls.Snapshot().Count(c => c.StatusCode == 200));
        Assert.Contains(bed.Emulator.Calls.Snapshot(), c => c.ErrorCode == "Throttling.User");
    }

    [Fact]
    public async Task Retries_give_up_after_the_configured_attempts_with_the_last_error()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client(configure: o => o.MaxRetryAttempts = 2);
        bed.Emulator.Faults.Enqueue(InjectedFault.Unavailable(), times: 5);

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));

        Assert.Equal(EciErrorCodes.ServiceUnavailable, error.Code);
        Assert.Equal(503, error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(3, bed.Emulator.Calls.Snapshot().Count);
    }

    [Fact]
    public async Task A_non_retryable_error_surfaces_at_once()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new() { NextToken = "not-a-token" }));

        Assert.Equal(EciErrorCodes.InvalidParameter, error.Code);
        Assert.Single(bed.Emulator.Calls.Snapshot());
    }

    [Fact]
    public async Task Create_without_ClientToken_is_not_retried_even_on_503()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        bed.Emulator.Faults.Enqueue(InjectedFault.Unavailable("CreateImageCache", afterProcessing: true));

        var error = await Assert.ThrowsAsync<EciException>(() => client.CreateImageCacheAsync(EciTestBed.NewCache("no-token")));

        Assert.True(error.IsRetryable);
        Assert.Single(bed.Emulator.Calls.Snapshot());
    }

    [Fact]
    public async Task Create_with_ClientToken_whose_answer_was_lost_is_retried_and_returns_the_same_cache()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        bed.Emulator.Faults.Enqueue(InjectedFault.Unavailable("CreateImageCache", afterProcessing: true));

        var created = await client.CreateImageCacheAsync(EciTestBed.NewCache("idempotent") with { ClientToken = "uid-123-gen-1" });

        var creates = bed.Emulator.Calls.Of("CreateImageCache");
        Assert.Equal([503, 200], creates.Select(c => c.StatusCode));
        Assert.All(creates, c => Assert.Equal("uid-123-gen-1", c.Parameters["ClientToken"]));
        Assert.NotEqual(creates[0].Nonce, creates[1].Nonce);
        var all = await client.AllAsync();
        Assert.Equal(created.ImageCacheId, Assert.Single(all).ImageCacheId);

        var again = await client.CreateImageCacheAsync(EciTestBed.NewCache("idempotent") with { ClientToken = "uid-123-gen-1" });
        Assert.Equal(created.ImageCacheId, again.ImageCacheId);
        Assert.Equal(1, bed.Emulator.ImageCacheCount);
    }

    [Fact]
    public async Task Same_ClientToken_with_other_parameters_is_refused()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        await client.CreateImageCacheAsync(EciTestBed.NewCache("one") with { ClientToken = "t" });
        var error = await Assert.ThrowsAsync<EciException>(() => client.CreateImageCacheAsync(EciTestBed.NewCache("two") with { ClientToken = "t" }));
        Assert.Equal(EciErrorCodes.IdempotentParameterMismatch, error.Code);
        Assert.True(error.IsCallerError);
        Assert.Equal(1, bed.Emulator.ImageCacheCount);
    }

    [Fact]
    public async Task Delete_with_ClientToken_is_retried_after_a_lost_answer_and_succeeds()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("gone"))).ImageCacheId;
        bed.Emulator.Faults.Enqueue(InjectedFault.Unavailable("DeleteImageCache", afterProcessing: true));

        await client.DeleteImageCacheAsync(new DeleteImageCacheRequest(id) { ClientToken = "delete-gone" });

        Assert.Equal([503, 200], bed.Emulator.Calls.Of("DeleteImageCache").Select(c => c.StatusCode));
        Assert.Equal(0, bed.Emulator.ImageCacheCount);
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_a_retryable_RequestTimeout()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client(configure: o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 1;
        });
        // ECI never answers the call nor its one retry (each held until the test ends): the
        // attempt timeout, not the machine's speed, decides the outcome. A hold takes one call,
        // so the retry needs a hold of its own.
        bed.Emulator.Faults.Hold("DescribeImageCaches");
        bed.Emulator.Faults.Hold("DescribeImageCaches");

        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));

        Assert.Equal(EciErrorCodes.RequestTimeout, error.Code);
        Assert.True(error.IsRetryable);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Connection_refused_is_a_retryable_NetworkError()
    {
        Uri endpoint;
        await using (var bed = await EciTestBed.StartAsync())
        {
            endpoint = bed.Emulator.BaseUri;
        }

        using var client = new EciClient(
            new EciClientOptions { RegionId = "cn-hangzhou", Endpoint = endpoint, MaxRetryAttempts = 1, RetryBaseDelay = TimeSpan.Zero },
            new Credentials.StaticCredentialProvider(EciTestBed.TestCredential));
        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));
        Assert.Equal(EciErrorCodes.NetworkError, error.Code);
        Assert.True(error.IsRetryable);
    }
}
