using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Settings;
using ImageCacheFunctions.Reconcile.Tests.Support;

namespace ImageCacheFunctions.Reconcile.Tests;

/// <summary>
/// Each ImageCache annotation of Alibaba Cloud's "Image cache annotations" page
/// (https://www.alibabacloud.com/help/en/eci/user-guide/annotations-that-can-be-added-to-create-an-image-cache)
/// and each of ours, as the CreateImageCache request ECI receives (the emulator's call log).
/// Parameter names are the official SDK's CreateImageCacheRequest model's (eci-20180808).
/// </summary>
public sealed class AnnotationTests : IAsyncLifetime
{
    private ReconcileHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReconcileHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    // The documentation's example values, with the masked characters filled in.
    [InlineData("k8s.aliyun.com/vswitch-ids", "vsw-bp1dktddjsg5nktv0001,vsw-bp1xpiowfm5vo8o3c0002", "VSwitchId", "vsw-bp1dktddjsg5nktv0001,vsw-bp1xpiowfm5vo8o3c0002")]
    [InlineData("k8s.aliyun.com/security-group-id", "sg-bp1dktddjsg5nktv0001", "SecurityGroupId", "sg-bp1dktddjsg5nktv0001")]
    [InlineData("k8s.aliyun.com/resource-group-id", "rg-aek2z3elfs40001", "ResourceGroupId", "rg-aek2z3elfs40001")]
    [InlineData("k8s.aliyun.com/acr-instance-ids", "cri-j36zhodptmyq0001", "AcrRegistryInfo.1.InstanceId", "cri-j36zhodptmyq0001")]
    [InlineData("k8s.aliyun.com/acr-instance-ids", "cn-beijing:cri-j36zhodptmyq0001", "AcrRegistryInfo.1.RegionId", "cn-beijing")]
    [InlineData("k8s.aliyun.com/acr-service-arns", "acs:ram::1609982529000000:role/role-assume", "AcrRegistryInfo.1.ArnService", "acs:ram::1609982529000000:role/role-assume")]
    [InlineData("k8s.aliyun.com/acr-user-arns", "acs:ram::1298452580000000:role/role-acr", "AcrRegistryInfo.1.ArnUser", "acs:ram::1298452580000000:role/role-acr")]
    [InlineData("k8s.aliyun.com/plain-http-registry", "harbor001.pre.com,192.168.1.10:5000,reg001.test.com:80", "PlainHttpRegistry", "harbor001.pre.com,192.168.1.10:5000,reg001.test.com:80")]
    [InlineData("k8s.aliyun.com/insecure-registry", "harbor001.pre.com,192.168.1.10:5000", "InsecureRegistry", "harbor001.pre.com,192.168.1.10:5000")]
    [InlineData("k8s.aliyun.com/imc-enable-reuse", "true", "AutoMatchImageCache", "true")]
    [InlineData("k8s.aliyun.com/imc-enable-flash", "true", "Flash", "true")]
    [InlineData("k8s.aliyun.com/imc-cpu-arch", "arm64", "Annotations", "{\"k8s.aliyun.com/imc-cpu-arch\":\"arm64\"}")]
    [InlineData("k8s.aliyun.com/imc-os-type", "windows", "OsType", "Windows")]
    [InlineData("imagecache.functions.openfaas.dev/zone-id", "cn-hangzhou-g", "ZoneId", "cn-hangzhou-g")]
    [InlineData("imagecache.functions.openfaas.dev/eip-instance-id", "eip-2zedsm5mfl3uhdj2d0001", "EipInstanceId", "eip-2zedsm5mfl3uhdj2d0001")]
    [InlineData("imagecache.functions.openfaas.dev/flash-copy-count", "3", "FlashCopyCount", "3")]
    [InlineData("imagecache.functions.openfaas.dev/standard-copy-count", "2", "StandardCopyCount", "2")]
    [InlineData("imagecache.functions.openfaas.dev/elimination-strategy", "LRU", "EliminationStrategy", "LRU")]
    public async Task Each_annotation_reaches_CreateImageCache_as_its_parameter(string annotation, string value, string parameter, string expected)
    {
        var annotations = new Dictionary<string, string> { [annotation] = value };
        if (annotation.StartsWith("k8s.aliyun.com/acr-", StringComparison.Ordinal) && annotation.EndsWith("-arns", StringComparison.Ordinal))
        {
            annotations[ImageCacheAnnotations.AcrInstanceIds] = "cri-j36zhodptmyq0001";
        }

        if (annotation == ImageCacheAnnotations.FlashCopyCount)
        {
            annotations[ImageCacheAnnotations.EnableFlash] = "true";
        }

        await CreateAsync("annotated", annotations, "busybox:latest");

        var report = await _h.PassAsync();

        Assert.Equal(1, report.Created);
        var create = Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        Assert.Equal(expected, create.Parameters[parameter]);
        var status = (await _h.GetAsync("annotated")).Status!;
        Assert.NotNull(status.Settings);
    }

    [Fact]
    public async Task Without_annotations_the_configured_defaults_are_sent_as_eci_profile_would()
    {
        await _h.CreateAsync("plain", "busybox:latest");
        await _h.PassAsync();

        var create = Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        Assert.Equal(ReconcileHarness.VSwitchId, create.Parameters["VSwitchId"]);
        Assert.Equal(ReconcileHarness.SecurityGroupId, create.Parameters["SecurityGroupId"]);
        Assert.False(create.Parameters.ContainsKey("AcrRegistryInfo.1.InstanceId"));
        Assert.False(create.Parameters.ContainsKey("OsType"));
        Assert.Equal("linux/amd64", (await _h.GetAsync("plain")).Status!.Platform);
    }

    [Fact]
    public async Task A_wrong_value_without_admission_shows_as_ready_false_and_nothing_reaches_eci()
    {
        await CreateAsync("sparc", new() { [ImageCacheAnnotations.CpuArch] = "sparc" }, "busybox:latest");

        await _h.PassAsync();

        Assert.Empty(_h.Eci.Calls.Of("CreateImageCache"));
        var status = (await _h.GetAsync("sparc")).Status!;
        Assert.Equal(ImageCachePhase.Pending, status.Phase);
        var ready = Assert.Single(status.Conditions!, c => c.Type == ImageCacheConditionTypes.Ready);
        Assert.Equal("False", ready.Status);
        Assert.Equal("InvalidAnnotation", ready.Reason);
        Assert.Contains("metadata.annotations[k8s.aliyun.com/imc-cpu-arch]", ready.Message, StringComparison.Ordinal);
        Assert.Contains("\"sparc\"", ready.Message, StringComparison.Ordinal);
        Assert.Contains(await _h.EventsAboutAsync("sparc"), e => e.Type == "Warning" && e.Reason == "InvalidAnnotation");

        // Fixed: the next pass creates the cache.
        await _h.Store.UpdateAsync("sparc", c =>
        {
            c.Metadata.Annotations[ImageCacheAnnotations.CpuArch] = "arm64";
            return c;
        }, CancellationToken.None);
        await _h.PassAsync();
        Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        Assert.Equal("linux/arm64", (await _h.GetAsync("sparc")).Status!.Platform);
    }

    [Fact]
    public async Task A_setting_UpdateImageCache_takes_is_changed_in_place()
    {
        await CreateAsync("moving", new() { [ImageCacheAnnotations.SecurityGroupId] = "sg-first0001" }, "busybox:latest");
        await _h.ConvergeAsync();
        var id = (await _h.GetAsync("moving")).Status!.ImageCacheId;

        await _h.Store.UpdateAsync("moving", c =>
        {
            c.Metadata.Annotations[ImageCacheAnnotations.SecurityGroupId] = "sg-second0002";
            c.Metadata.Annotations[ImageCacheAnnotations.EliminationStrategy] = "LRU";
            return c;
        }, CancellationToken.None);
        var report = await _h.PassAsync();

        Assert.Equal(1, report.Updated);
        var update = Assert.Single(_h.Eci.Calls.Of("UpdateImageCache"));
        Assert.Equal(id, update.Parameters["ImageCacheId"]);
        Assert.Equal("sg-second0002", update.Parameters["SecurityGroupId"]);
        Assert.Equal("LRU", update.Parameters["EliminationStrategy"]);
        Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));

        await _h.ConvergeAsync();
        var status = (await _h.GetAsync("moving")).Status!;
        Assert.Equal("sg-second0002", status.Settings!.SecurityGroupId);
        Assert.Equal("LRU", status.EliminationStrategy);
        Assert.Single(_h.Eci.Calls.Of("UpdateImageCache"));
    }

    [Fact]
    public async Task A_setting_only_CreateImageCache_takes_replaces_the_cache_create_switch_delete()
    {
        await _h.CreateAsync("platform", "busybox:latest");
        await _h.ConvergeAsync();
        var old = (await _h.GetAsync("platform")).Status!.ImageCacheId!;

        await _h.Store.UpdateAsync("platform", c =>
        {
            c.Metadata.Annotations ??= new Dictionary<string, string>();
            c.Metadata.Annotations[ImageCacheAnnotations.CpuArch] = "arm64";
            return c;
        }, CancellationToken.None);
        var report = await _h.PassAsync();

        Assert.Equal(1, report.Created);
        Assert.Empty(_h.Eci.Calls.Of("UpdateImageCache"));
        var create = _h.Eci.Calls.Of("CreateImageCache")[^1];
        Assert.Contains("arm64", create.Parameters["Annotations"], StringComparison.Ordinal);
        var status = (await _h.GetAsync("platform")).Status!;
        Assert.NotEqual(old, status.ImageCacheId);
        Assert.Equal("linux/arm64", status.Platform);
        Assert.Equal(old, Assert.Single(_h.Eci.Calls.Of("DeleteImageCache")).Parameters["ImageCacheId"]);
        Assert.DoesNotContain(await _h.EciCachesAsync(), c => c.ImageCacheId == old);
    }

    [Fact]
    public async Task Only_acr_instance_ids_and_no_secrets_pull_from_acr_enterprise_and_reach_ready()
    {
        const string domain = "team-registry-vpc.cn-hangzhou.cr.aliyuncs.com";
        _h.Eci.AddAcrInstance(ReconcileHarness.RegionId, "cri-teamacr0001", domain, "team-registry.cn-hangzhou.cr.aliyuncs.com");
        await CreateAsync("acr", new() { [ImageCacheAnnotations.AcrInstanceIds] = "cri-teamacr0001" }, domain + "/apps/web:1.0");

        await _h.ConvergeAsync();

        var create = Assert.Single(_h.Eci.Calls.Of("CreateImageCache"));
        Assert.Equal("cri-teamacr0001", create.Parameters["AcrRegistryInfo.1.InstanceId"]);
        Assert.Equal(ReconcileHarness.RegionId, create.Parameters["AcrRegistryInfo.1.RegionId"]);
        Assert.Equal(domain, create.Parameters["AcrRegistryInfo.1.Domain.1"]);
        Assert.DoesNotContain(create.Parameters.Keys, k => k.StartsWith("ImageRegistryCredential", StringComparison.Ordinal));
        Assert.Equal(ImageCachePhase.Ready, (await _h.GetAsync("acr")).Status!.Phase);
    }

    [Fact]
    public async Task Without_acr_instance_ids_the_same_private_acr_image_fails_in_eci()
    {
        const string domain = "team-registry-vpc.cn-hangzhou.cr.aliyuncs.com";
        _h.Eci.AddAcrInstance(ReconcileHarness.RegionId, "cri-teamacr0001", domain);
        await _h.CreateAsync("no-acr", domain + "/apps/web:1.0");

        await _h.ConvergeAsync();

        Assert.Equal(ImageCachePhase.Failed, (await _h.GetAsync("no-acr")).Status!.Phase);
    }

    private Task<ImageCache> CreateAsync(string name, Dictionary<string, string> annotations, params string[] images)
    {
        var cache = ImageCache.Create(name, new ImageCacheSpec { Images = images.ToList() });
        cache.Metadata.Annotations = annotations;
        return _h.CreateAsync(cache);
    }
}
