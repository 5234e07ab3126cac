using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>The cache lifecycle on the emulator's clock.</summary>
public sealed class LifecycleTests
{
    private static async Task<ImageCache?> Read(EciClient client, string id) =>
        (await client.DescribeImageCachesAsync(new DescribeImageCachesRequest { ImageCacheId = id })).ImageCaches.SingleOrDefault();

    [Fact]
    public async Task Preparing_then_Creating_with_rising_progress_then_Ready_with_events()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("life", "centos:latest", "busybox:latest") with { RetentionDays = 7 })).ImageCacheId;

        var cache = await Read(client, id);
        Assert.Equal(ImageCacheStatus.Preparing, cache!.Status);
        Assert.Equal("0%", cache.Progress);
        Assert.Empty(cache.Events);

        bed.Clock.Advance(TimeSpan.FromSeconds(15));
        cache = await Read(client, id);
        Assert.Equal(ImageCacheStatus.Creating, cache!.Status);
        int early = int.Parse(cache.Progress!.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);

        bed.Clock.Advance(TimeSpan.FromSeconds(20));
        cache = await Read(client, id);
        Assert.Equal(ImageCacheStatus.Creating, cache!.Status);
        int later = int.Parse(cache.Progress!.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(later > early, $"progress {early}% then {later}%");
        Assert.Equal("Success pull image centos:latest", Assert.Single(cache.Events).Message);

        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        cache = await Read(client, id);
        Assert.Equal(ImageCacheStatus.Ready, cache!.Status);
        Assert.Equal("100%", cache.Progress);
        Assert.Equal(3, cache.Events.Count);
        Assert.All(cache.Events, e => Assert.Equal("Normal", e.Type));
        Assert.NotNull(cache.SnapshotId);
        Assert.Equal(EciTestBed.Start.AddDays(7), cache.ExpireDateTime);

        bed.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Null(await Read(client, id));
    }

    [Fact]
    public async Task Unpullable_image_fails_with_a_warning_event_and_expires_after_24_hours()
    {
        await using var bed = await EciTestBed.StartAsync(o => o.UnreachableRegistries.Add("registry.unreachable.example"));
        var client = bed.Client();
        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("doomed", "busybox:latest", "registry.unreachable.example/team/app:1"))).ImageCacheId;

        bed.Clock.Advance(TimeSpan.FromMinutes(2));
        var cache = await Read(client, id);
        Assert.Equal(ImageCacheStatus.Failed, cache!.Status);
        var warning = Assert.Single(cache.Events, e => e.Type == "Warning");
        Assert.Equal("Failed", warning.Reason);
        Assert.Contains("registry.unreachable.example/team/app:1", warning.Message, StringComparison.Ordinal);
        Assert.Equal(warning.LastTimestamp!.Value.AddHours(24), cache.ExpireDateTime);

        var update = await Assert.ThrowsAsync<EciException>(() => client.UpdateImageCacheAsync(new() { ImageCacheId = id }));
        Assert.Equal(EciErrorCodes.IncorrectImageCacheStatus, update.Code);

        bed.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Null(await Read(client, id));
    }

    [Fact]
    public async Task Private_registry_needs_a_credential_for_its_server()
    {
        await using var bed = await EciTestBed.StartAsync(o => o.PrivateRegistries.Add("registry.private.example"));
        var client = bed.Client();
        string without = (await client.CreateImageCacheAsync(EciTestBed.NewCache("no-login", "registry.private.example/app:1"))).ImageCacheId;
        string with = (await client.CreateImageCacheAsync(EciTestBed.NewCache("login", "registry.private.example/app:1") with
        {
            ImageRegistryCredentials = [new("registry.private.example", "robot", "pw")],
        })).ImageCacheId;

        bed.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(ImageCacheStatus.Failed, (await Read(client, without))!.Status);
        Assert.Equal(ImageCacheStatus.Ready, (await Read(client, with))!.Status);
    }

    [Fact]
    public async Task Update_while_Creating_is_refused_and_from_Ready_goes_Updating_then_Ready()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("upd", "nginx:1"))).ImageCacheId;
        bed.Clock.Advance(TimeSpan.FromSeconds(15));

        var refused = await Assert.ThrowsAsync<EciException>(() => client.UpdateImageCacheAsync(new() { ImageCacheId = id, Images = ["nginx:2"] }));
        Assert.Equal(EciErrorCodes.IncorrectImageCacheStatus, refused.Code);
        Assert.Equal(403, refused.StatusCode);
        Assert.True(refused.IsCallerError);
        Assert.False(refused.IsRetryable);
        Assert.Single(bed.Emulator.Calls.Of("UpdateImageCache"));
        Assert.Equal(["nginx:1"], (await Read(client, id))!.Images);

        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.UpdateImageCacheAsync(new() { ImageCacheId = id, Images = ["nginx:2"] });
        Assert.Equal(ImageCacheStatus.Updating, (await Read(client, id))!.Status);
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var cache = await Read(client, id);
        Assert.Equal(ImageCacheStatus.Ready, cache!.Status);
        Assert.Equal(["nginx:2"], cache.Images);
    }

    [Fact]
    public async Task Failed_update_gives_UpdateFailed_which_can_be_updated_again()
    {
        await using var bed = await EciTestBed.StartAsync(o => o.UnreachableRegistries.Add("bad.example"));
        var client = bed.Client();
        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("uf", "nginx:1"))).ImageCacheId;
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.UpdateImageCacheAsync(new() { ImageCacheId = id, Images = ["bad.example/app:1"] });
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ImageCacheStatus.UpdateFailed, (await Read(client, id))!.Status);

        await client.UpdateImageCacheAsync(new() { ImageCacheId = id, Images = ["nginx:2"] });
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ImageCacheStatus.Ready, (await Read(client, id))!.Status);
    }

    [Fact]
    public async Task LastMatchedTime_set_by_tests_is_reported()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("matched"))).ImageCacheId;
        var matched = EciTestBed.Start.AddHours(3);
        Assert.True(bed.Emulator.SetLastMatchedTime(id, matched));
        Assert.Equal(matched, (await Read(client, id))!.LastMatchedTime);
    }
}
