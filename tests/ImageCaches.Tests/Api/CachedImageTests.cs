using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Api;

namespace ImageCacheFunctions.ImageCaches.Tests.Api;

/// <summary>When a cache's spec.images entry holds a pod's image: normalised, exact tag or digest.</summary>
public sealed class CachedImageTests
{
    public static TheoryData<string, string?, string, bool> Cases() => new()
    {
        // cached as, digest recorded for it, pod image, held?
        { "nginx:1.7.9", null, "nginx:1.7.9", true },
        { "nginx:1.7.9", null, "docker.io/library/nginx:1.7.9", true },
        { "docker.io/library/nginx:1.7.9", null, "index.docker.io/library/nginx:1.7.9", true },
        { "nginx", null, "nginx:latest", true },
        { "nginx:latest", null, "nginx", true },
        { "nginx:1.7.9", null, "nginx:1.7", false },
        { "nginx:1.7.9", null, "nginx", false },
        { "nginx:1.7.9", null, "library/nginx:1.7.9", true },
        { "nginx:1.7.9", null, "bitnami/nginx:1.7.9", false },
        { "busybox:latest", null, "nginx:latest", false },
        // ACR personal edition: the VPC endpoint is the same registry.
        { "registry-vpc.cn-beijing.aliyuncs.com/acs/pause-amd64:3.0", null, "registry.cn-beijing.aliyuncs.com/acs/pause-amd64:3.0", true },
        { "registry.cn-shanghai.aliyuncs.com/baz/nginx:1.0", null, "registry.cn-beijing.aliyuncs.com/baz/nginx:1.0", false },
        // A pod pinned by digest gets the digest recorded for the cached tag, or written in the spec.
        { "nginx:1.7.9", "a", "nginx@{a}", true },
        { "nginx:1.7.9", "a", "nginx:1.7.9@{a}", true },
        { "nginx:1.7.9", "b", "nginx:1.7.9@{a}", false },
        { "nginx:1.7.9", null, "nginx:1.7.9@{a}", false },
        { "nginx@{a}", null, "nginx@{a}", true },
        { "nginx:1.7.9@{a}", null, "nginx@{a}", true },
        // A spec entry pinned by digest only does not answer a pod asking by tag.
        { "nginx@{a}", null, "nginx:1.7.9", false },
        { "nginx:1.7.9@{a}", null, "nginx:1.7.9", true },
        // Unparsable spec entries hold nothing.
        { "Nginx:1.7.9", null, "nginx:1.7.9", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Holds_is_exact_after_normalisation(string cachedAs, string? recorded, string podImage, bool held)
    {
        podImage = podImage.Replace("{a}", Candidates.Sha('a'), StringComparison.Ordinal);
        cachedAs = cachedAs.Replace("{a}", Candidates.Sha('a'), StringComparison.Ordinal);
        var digests = recorded is null ? null : new Dictionary<string, string> { [cachedAs] = Candidates.Sha(recorded[0]) };
        var candidate = Candidates.Candidate("c", [cachedAs], digests: digests);
        var wanted = ImageReference.Parse(podImage);

        Assert.Equal(held, candidate.Holding(wanted) is not null);
    }

    [Fact]
    public void Digest_recorded_under_the_normalised_name_counts_too()
    {
        var candidate = Candidates.Candidate("c", ["nginx:1.7.9"], digests: new Dictionary<string, string> { ["docker.io/library/nginx:1.7.9"] = Candidates.Sha('c') });

        Assert.NotNull(candidate.Holding(ImageReference.Parse("nginx@" + Candidates.Sha('c'))));
    }
}
