using ImageCacheFunctions.Tests.Support;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Eci.Signing;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>Every operation through the real client against the emulator, with both signature methods.</summary>
public sealed class OperationTests
{
    [Theory]
    [InlineData(EciSignatureMethod.AcsV3HmacSha256, "ACS3-HMAC-SHA256")]
    [InlineData(EciSignatureMethod.RpcV2HmacSha1, "HMAC-SHA1")]
    public async Task Create_describe_update_delete_round_trip(EciSignatureMethod method, string wireMethod)
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client(method);

        var created = await client.CreateImageCacheAsync(EciTestBed.NewCache("round-trip", "nginx:1.7.9", "busybox:latest") with
        {
            ImageCacheSize = 25,
            RetentionDays = 7,
            Tags = [new ImageCacheTag("managed-by", "imagecache-functions")],
        });
        Assert.StartsWith("imc-", created.ImageCacheId, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(created.RequestId));

        bed.Clock.Advance(TimeSpan.FromMinutes(5));
        var page = await client.DescribeImageCachesAsync(new DescribeImageCachesRequest { ImageCacheId = created.ImageCacheId });
        var cache = Assert.Single(page.ImageCaches);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("round-trip", cache.ImageCacheName);
        Assert.Equal(ImageCacheStatus.Ready, cache.Status);
        Assert.Equal("100%", cache.Progress);
        Assert.Equal(["nginx:1.7.9", "busybox:latest"], cache.Images);
        Assert.Equal(25, cache.ImageCacheSize);
        Assert.Equal(EciTestBed.Start, cache.CreationTime);
        Assert.Equal(EciTestBed.Start.AddDays(7), cache.ExpireDateTime);
        Assert.Equal(new ImageCacheTag("managed-by", "imagecache-functions"), Assert.Single(cache.Tags));
        Assert.Contains(cache.Events, e => e.Message == "Success pull image busybox:latest" && e.Type == "Normal" && e.Count == 1);

        await client.UpdateImageCacheAsync(new UpdateImageCacheRequest { ImageCacheId = created.ImageCacheId, Images = ["nginx:1.25"], RetentionDays = 30 });
        bed.Clock.Advance(TimeSpan.FromMinutes(5));
        cache = Assert.Single((await client.DescribeImageCachesAsync(new DescribeImageCachesRequest { ImageCacheId = created.ImageCacheId })).ImageCaches);
        Assert.Equal(["nginx:1.25"], cache.Images);
        Assert.Equal(EciTestBed.Start.AddDays(30), cache.ExpireDateTime);

        await client.DeleteImageCacheAsync(new DeleteImageCacheRequest(created.ImageCacheId));
        page = await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());
        Assert.Empty(page.ImageCaches);
        Assert.Equal(0, page.TotalCount);

        var calls = bed.Emulator.Calls.Snapshot();
        Assert.Equal(["CreateImageCache", "DescribeImageCaches", "UpdateImageCache", "DescribeImageCaches", "DeleteImageCache", "DescribeImageCaches"], calls.Select(c => c.Action));
        Assert.All(calls, c => Assert.Equal(wireMethod, c.SignatureMethod));
        Assert.All(calls, c => Assert.Equal(200, c.StatusCode));
    }

    [Fact]
    public async Task Lists_and_objects_are_flattened_as_the_RPC_wire_wants_and_passwords_are_not_recorded()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        await client.CreateImageCacheAsync(EciTestBed.NewCache("flat", "a:1", "b:2") with
        {
            ImageRegistryCredentials = [new ImageRegistryCredential("registry.example.com", "robot", "s3cret-password")],
            Tags = [new ImageCacheTag("k", "v"), new ImageCacheTag("team", "platform")],
            AcrRegistryInfos = [new AcrRegistryInfo("cri-123", "acr", "cn-hangzhou", ["acr.example.com", "acr-vpc.example.com"])],
            AutoMatchImageCache = true,
            ClientToken = "token-1",
        });

        var parameters = Assert.Single(bed.Emulator.Calls.Snapshot()).Parameters;
        Assert.Equal("a:1", parameters["Image.1"]);
        Assert.Equal("b:2", parameters["Image.2"]);
        Assert.Equal("registry.example.com", parameters["ImageRegistryCredential.1.Server"]);
        Assert.Equal("robot", parameters["ImageRegistryCredential.1.UserName"]);
        Assert.Equal("***", parameters["ImageRegistryCredential.1.Password"]);
        Assert.Equal("team", parameters["Tag.2.Key"]);
        Assert.Equal("platform", parameters["Tag.2.Value"]);
        Assert.Equal("cri-123", parameters["AcrRegistryInfo.1.InstanceId"]);
        Assert.Equal("acr-vpc.example.com", parameters["AcrRegistryInfo.1.Domain.2"]);
        Assert.Equal("true", parameters["AutoMatchImageCache"]);
        Assert.Equal("cn-hangzhou", parameters["RegionId"]);
        Assert.DoesNotContain(bed.Emulator.Calls.Snapshot(), c => c.Parameters.Values.Any(v => v.Contains("s3cret", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Describe_filters_by_name_image_and_tag()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        var a = await client.CreateImageCacheAsync(EciTestBed.NewCache("alpha", "nginx:1") with { Tags = [new("team", "a")] });
        var b = await client.CreateImageCacheAsync(EciTestBed.NewCache("beta", "redis:7") with { Tags = [new("team", "b")] });

        Assert.Equal(a.ImageCacheId, Assert.Single((await client.DescribeImageCachesAsync(new() { ImageCacheName = "alpha" })).ImageCaches).ImageCacheId);
        Assert.Equal(b.ImageCacheId, Assert.Single((await client.DescribeImageCachesAsync(new() { Image = "redis:7" })).ImageCaches).ImageCacheId);
        Assert.Equal(b.ImageCacheId, Assert.Single((await client.DescribeImageCachesAsync(new() { Tags = [new("team", "b")] })).ImageCaches).ImageCacheId);
        Assert.Empty((await client.DescribeImageCachesAsync(new() { Tags = [new("team", "c")] })).ImageCaches);
        Assert.Equal(2, (await client.DescribeImageCachesAsync(new() { ImageCacheId = a.ImageCacheId + "," + b.ImageCacheId })).TotalCount);
    }

    [Fact]
    public async Task Paging_over_250_caches_follows_NextToken_and_reads_each_once()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        var ids = new List<string>();
        for (int i = 0; i < 250; i++)
        {
            ids.Add((await client.CreateImageCacheAsync(EciTestBed.NewCache($"cache-{i:000}"))).ImageCacheId);
        }

        bed.Emulator.Calls.Clear();
        var seen = (await client.AllAsync()).Select(c => c.ImageCacheId).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        var describes = bed.Emulator.Calls.Of("DescribeImageCaches");
        Assert.Equal(3, describes.Count);
        Assert.False(describes[0].Parameters.ContainsKey("NextToken"));
        Assert.True(describes[1].Parameters.ContainsKey("NextToken"));
        Assert.All(describes, d => Assert.Equal("100", d.Parameters["Limit"]));

        var first = await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());
        Assert.Equal(250, first.TotalCount);
        Assert.Equal(10, first.ImageCaches.Count);
    }

    [Fact]
    public async Task Missing_and_out_of_range_parameters_are_caller_errors_that_change_nothing()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();

        var missing = await Assert.ThrowsAsync<EciException>(() => client.CreateImageCacheAsync(EciTestBed.NewCache("x1") with { VSwitchId = "" }));
        Assert.Equal(EciErrorCodes.MissingParameter, missing.Code);
        Assert.Contains("VSwitchId", missing.Message, StringComparison.Ordinal);
        Assert.True(missing.IsCallerError);

        foreach (var request in new[]
        {
            EciTestBed.NewCache("x2") with { ImageCacheSize = 19 },
            EciTestBed.NewCache("x3") with { ImageCacheSize = 32769 },
            EciTestBed.NewCache("x4") with { RetentionDays = 0 },
            EciTestBed.NewCache("x5") with { RetentionDays = 65537 },
        })
        {
            var invalid = await Assert.ThrowsAsync<EciException>(() => client.CreateImageCacheAsync(request));
            Assert.Equal(EciErrorCodes.InvalidParameter, invalid.Code);
            Assert.Equal(400, invalid.StatusCode);
            Assert.False(invalid.IsRetryable);
        }

        var limit = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new() { Limit = 101 }));
        Assert.Equal(EciErrorCodes.InvalidParameter, limit.Code);
        Assert.Equal(0, bed.Emulator.ImageCacheCount);
    }

    [Fact]
    public async Task Update_and_delete_of_an_unknown_cache_are_not_found()
    {
        await using var bed = await EciTestBed.StartAsync();
        var client = bed.Client();
        var update = await Assert.ThrowsAsync<EciException>(() => client.UpdateImageCacheAsync(new() { ImageCacheId = "imc-doesnotexist" }));
        Assert.True(update.IsNotFound);
        Assert.Equal(EciErrorKind.NotFound, update.Kind);
        Assert.True(update.IsCallerError);
        Assert.Equal(404, update.StatusCode);
        var delete = await Assert.ThrowsAsync<EciException>(() => client.DeleteImageCacheAsync(new("imc-doesnotexist")));
        Assert.Equal(EciErrorCodes.ImageCacheNotFound, delete.Code);
    }
}
