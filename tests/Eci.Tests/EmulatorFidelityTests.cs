using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>
/// The emulator follows ECI where the functions depend on it (issue 15, item 6): images bigger
/// than the cache fail it, LRU elimination at the region's quota, every CreateImageCache
/// parameter accepted and echoed, and a clock advanced by days while clients sign with real time.
/// </summary>
public sealed class EmulatorFidelityTests
{
    private static async Task<ImageCache?> Read(EciClient client, string id) =>
        (await client.DescribeImageCachesAsync(new DescribeImageCachesRequest { ImageCacheId = id })).ImageCaches.SingleOrDefault();

    [Fact]
    public async Task Images_bigger_than_the_cache_fail_it_as_eci_documents()
    {
        // "If the total size of the images exceeds the specified cache size, the image cache cannot be created." (Manage an image cache)
        await using var bed = await EciTestBed.StartAsync();
        bed.Emulator.SetImageSize("example.com/big/model:1", 15L << 30);
        bed.Emulator.SetImageSize("example.com/big/tools:1", 10L << 30);
        var client = bed.Client();
        string small = (await client.CreateImageCacheAsync(EciTestBed.NewCache("small", "example.com/big/model:1", "example.com/big/tools:1"))).ImageCacheId;
        string large = (await client.CreateImageCacheAsync(EciTestBed.NewCache("large", "example.com/big/model:1", "example.com/big/tools:1") with { ImageCacheSize = 30 })).ImageCacheId;

        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        var failed = await Read(client, small);
        Assert.Equal(ImageCacheStatus.Failed, failed!.Status);
        Assert.Contains("20 GiB", Assert.Single(failed.Events, e => e.Type == "Warning").Message, StringComparison.Ordinal);
        Assert.Equal(ImageCacheStatus.Ready, (await Read(client, large))!.Status);
    }

    [Fact]
    public async Task At_the_quota_the_least_recently_used_LRU_cache_is_eliminated()
    {
        // "When the number of image caches reaches the quota, the system automatically deletes the image
        // caches whose EliminationStrategy parameter is set to LRU and that are least recently used." (CreateImageCache)
        await using var bed = await EciTestBed.StartAsync(o => o.ImageCacheQuota = 3);
        var client = bed.Client();
        string kept = (await client.CreateImageCacheAsync(EciTestBed.NewCache("kept", "busybox:latest"))).ImageCacheId;
        string used = (await client.CreateImageCacheAsync(EciTestBed.NewCache("used", "busybox:latest") with { EliminationStrategy = "LRU" })).ImageCacheId;
        string idle = (await client.CreateImageCacheAsync(EciTestBed.NewCache("idle", "busybox:latest") with { EliminationStrategy = "LRU" })).ImageCacheId;
        bed.Clock.Advance(TimeSpan.FromMinutes(5));
        bed.Emulator.SetLastMatchedTime(used, bed.Clock.GetUtcNow());
        bed.Emulator.SetLastMatchedTime(idle, bed.Clock.GetUtcNow().AddMinutes(-4));

        await client.CreateImageCacheAsync(EciTestBed.NewCache("fourth", "busybox:latest"));

        Assert.NotNull(await Read(client, kept));
        Assert.NotNull(await Read(client, used));
        Assert.Null(await Read(client, idle));
        Assert.Equal("LRU", (await Read(client, used))!.EliminationStrategy);

        // Nothing left to eliminate: the create is refused.
        // "used" is now the only LRU cache: the fifth create eliminates it, the sixth finds none.
        await client.CreateImageCacheAsync(EciTestBed.NewCache("fifth", "busybox:latest"));
        Assert.Null(await Read(client, used));
        var refused = await Assert.ThrowsAsync<EciException>(() => client.CreateImageCacheAsync(EciTestBed.NewCache("sixth", "busybox:latest")));
        Assert.Equal("QuotaExceed.ImageCache", refused.Code);
    }

    [Fact]
    public async Task Every_create_parameter_is_accepted_and_echoed_in_the_call_log()
    {
        await using var bed = await EciTestBed.StartAsync();
        bed.Emulator.AddAcrInstance(bed.Emulator.RegionId, "cri-echo0001", "echo-registry.cn-hangzhou.cr.aliyuncs.com");
        var client = bed.Client();

        string id = (await client.CreateImageCacheAsync(EciTestBed.NewCache("echo", "echo-registry.cn-hangzhou.cr.aliyuncs.com/app/web:1") with
        {
            ZoneId = "cn-hangzhou-g",
            EipInstanceId = "eip-echo0001",
            ResourceGroupId = "rg-echo0001",
            Flash = true,
            FlashCopyCount = 2,
            StandardCopyCount = 3,
            EliminationStrategy = "LRU",
            InsecureRegistry = "harbor.example.com",
            PlainHttpRegistry = "192.168.1.10:5000",
            OsType = "Linux",
            Annotations = "{\"k8s.aliyun.com/imc-cpu-arch\":\"arm64\"}",
            AcrRegistryInfos = [new AcrRegistryInfo("cri-echo0001", RegionId: "cn-hangzhou", ArnService: "acs:ram::1:role/a", ArnUser: "acs:ram::2:role/b")],
        })).ImageCacheId;

        var call = Assert.Single(bed.Emulator.Calls.Of("CreateImageCache")).Parameters;
        Assert.Equal("cn-hangzhou-g", call["ZoneId"]);
        Assert.Equal("3", call["StandardCopyCount"]);
        Assert.Equal("acs:ram::2:role/b", call["AcrRegistryInfo.1.ArnUser"]);
        Assert.Equal("Linux", call["OsType"]);
        bed.Clock.Advance(TimeSpan.FromMinutes(2));
        var cache = await Read(client, id);
        Assert.Equal(ImageCacheStatus.Ready, cache!.Status);
        Assert.Equal("rg-echo0001", cache.ResourceGroupId);
        Assert.NotNull(cache.FlashSnapshotId);
    }

    [Fact]
    public async Task The_clock_advances_by_days_while_a_client_signs_with_real_time()
    {
        await using var bed = await EciTestBed.StartAsync();
        var wallClockClient = bed.Client(clock: TimeProvider.System);
        string id = (await wallClockClient.CreateImageCacheAsync(EciTestBed.NewCache("aging", "busybox:latest") with { RetentionDays = 30 })).ImageCacheId;

        bed.Clock.Advance(TimeSpan.FromDays(10));

        Assert.Equal(ImageCacheStatus.Ready, (await Read(wallClockClient, id))!.Status);
        bed.Clock.Advance(TimeSpan.FromDays(21));
        Assert.Null(await Read(wallClockClient, id));
    }

    [Fact]
    public async Task A_timestamp_far_from_both_clocks_is_still_expired()
    {
        await using var bed = await EciTestBed.StartAsync();
        var skewed = bed.Client(clock: new FixedTime(DateTimeOffset.UtcNow.AddHours(-3)));

        var error = await Assert.ThrowsAsync<EciException>(() => skewed.DescribeImageCachesAsync(new DescribeImageCachesRequest()));

        Assert.Equal(EciErrorCodes.InvalidTimeStampExpired, error.Code);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
