using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Resources;
using static ImageCacheFunctions.ImageCaches.Tests.Credentials.DockerConfigSecrets;

namespace ImageCacheFunctions.Kubernetes.Tests.Emulated;

public sealed class ImagePullSecretResolverTests : IAsyncLifetime
{
    private EmulatedCluster cluster = null!;

    public async Task InitializeAsync()
    {
        cluster = await EmulatedCluster.StartAsync();
        await cluster.CreateSecretAsync("default", "hub", ImagePullSecretContent.DockerConfigJsonType, ImagePullSecretContent.DockerConfigJsonKey,
            ConfigJson(("https://index.docker.io/v1/", "hub-user", "hub-pass"), ("ghcr.io", "gh-user", "gh-pass")));
        await cluster.CreateSecretAsync("kube-system", "legacy", ImagePullSecretContent.DockerCfgType, ImagePullSecretContent.DockerCfgKey,
            Cfg(("https://quay.io", "quay-user", "quay-pass")));
        await cluster.CreateSecretAsync("default", "ports", ImagePullSecretContent.DockerConfigJsonType, ImagePullSecretContent.DockerConfigJsonKey,
            ConfigJson(("registry.example.com:5000", "port-user", "port-pass")));
        await cluster.CreateSecretAsync("default", "opaque", "Opaque", "token", "not a docker config");
        await cluster.CreateSecretAsync("default", "acr-test", ImagePullSecretContent.DockerConfigJsonType, ImagePullSecretContent.DockerConfigJsonKey,
            ConfigJson(("registry.cn-beijing.aliyuncs.com", "acr-user", "acr-pass")));
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Secrets_of_both_formats_give_credentials_for_the_caches_registries_only()
    {
        var spec = new ImageCacheSpec
        {
            Images = ["nginx:1.25", "quay.io/team/app:1", "registry.example.com:5000/app:1", "registry.example.com/app:2"],
            ImagePullSecrets = ["default:hub", "kube-system:legacy", "default:ports"],
        };

        var result = await cluster.Secrets.ResolveAsync(spec, CancellationToken.None);

        Assert.Equal(
            [
                new RegistryCredential("docker.io", "hub-user", "hub-pass"),
                new RegistryCredential("quay.io", "quay-user", "quay-pass"),
                new RegistryCredential("registry.example.com:5000", "port-user", "port-pass"),
            ],
            result.Credentials);
        Assert.DoesNotContain(result.Credentials, c => c.Server == "ghcr.io");
        Assert.Equal(["registry.example.com"], result.RegistriesWithoutCredentials);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task Missing_unusable_and_unrelated_secrets_are_reported_by_name()
    {
        var spec = new ImageCacheSpec
        {
            Images = ["registry.cn-shanghai.aliyuncs.com/baz/nginx:1.0"],
            ImagePullSecrets = ["default:missing", "default:opaque", "default:acr-test", "not-a-reference"],
        };

        var result = await cluster.Secrets.ResolveAsync(spec, CancellationToken.None);

        Assert.Empty(result.Credentials);
        Assert.Equal(
            [
                (ImagePullSecretProblemKind.NotFound, "default:missing"),
                (ImagePullSecretProblemKind.UnsupportedType, "default:opaque"),
                (ImagePullSecretProblemKind.InvalidReference, "not-a-reference"),
                (ImagePullSecretProblemKind.NoEntryForRegistries, "default:acr-test"),
            ],
            result.Problems.Select(p => (p.Kind, p.Secret)));
        var noEntry = result.Problems.Single(p => p.Kind == ImagePullSecretProblemKind.NoEntryForRegistries);
        Assert.Contains("registry.cn-shanghai.aliyuncs.com", noEntry.Message, StringComparison.Ordinal);
        Assert.All(result.Problems, p => Assert.DoesNotContain("acr-pass", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_are_read_one_by_one_and_never_listed()
    {
        cluster.Emulator.ClearRequests();

        await cluster.Secrets.ResolveAsync(new ImageCacheSpec { Images = ["nginx"], ImagePullSecrets = ["default:hub", "default:hub", "kube-system:legacy"] }, CancellationToken.None);

        Assert.Equal(2, cluster.Emulator.CountRequests("get", "secrets"));
        Assert.Equal(0, cluster.Emulator.CountRequests("list", "secrets"));
    }

    [Fact]
    public async Task A_cache_without_secrets_needs_no_API_call()
    {
        cluster.Emulator.ClearRequests();

        var result = await cluster.Secrets.ResolveAsync(new ImageCacheSpec { Images = ["centos:latest", "busybox:latest"] }, CancellationToken.None);

        Assert.Empty(result.Credentials);
        Assert.Equal(["docker.io"], result.RegistriesWithoutCredentials);
        Assert.Empty(cluster.Emulator.Requests);
    }
}
