using ImageCacheFunctions.ImageCaches.Images;

namespace ImageCacheFunctions.ImageCaches.Tests.Images;

public sealed class ImageReferenceTests
{
    private static readonly string Sha256 = "sha256:" + new string('a', 64);
    private static readonly string Sha512 = "sha512:" + new string('0', 128);

    public static TheoryData<string, string> Valid() => new()
    {
        { "nginx", "docker.io/library/nginx:latest" },
        { "nginx:1.25", "docker.io/library/nginx:1.25" },
        { "library/nginx", "docker.io/library/nginx:latest" },
        { "docker.io/nginx", "docker.io/library/nginx:latest" },
        { "DOCKER.IO/nginx", "docker.io/library/nginx:latest" },
        { "index.docker.io/library/nginx:stable", "docker.io/library/nginx:stable" },
        { "registry-1.docker.io/bitnami/redis:7", "docker.io/bitnami/redis:7" },
        { "index.docker.io/busybox", "docker.io/library/busybox:latest" },
        { "user/repo", "docker.io/user/repo:latest" },
        { "a/b/c/d", "docker.io/a/b/c/d:latest" },
        { "localhost/foo", "localhost/foo:latest" },
        { "localhost:5000/foo/bar:v1", "localhost:5000/foo/bar:v1" },
        { "localhost:5000", "docker.io/library/localhost:5000" },
        { "myregistry.local:5000/a/b/c", "myregistry.local:5000/a/b/c:latest" },
        { "[::1]:5000/foo:tag", "[::1]:5000/foo:tag" },
        { "[2001:db8::1]/foo", "[2001:db8::1]/foo:latest" },
        { "192.168.0.1/foo", "192.168.0.1/foo:latest" },
        { "Foo.Example.com/bar", "Foo.Example.com/bar:latest" },
        { "Foo/bar", "Foo/bar:latest" },
        { "nginx@" + Sha256, "docker.io/library/nginx@" + Sha256 },
        { "nginx:1.25@" + Sha256, "docker.io/library/nginx:1.25@" + Sha256 },
        { "ghcr.io/o/app@" + Sha512, "ghcr.io/o/app@" + Sha512 },
        { "quay.io/o/app@sha384:" + new string('c', 96), "quay.io/o/app@sha384:" + new string('c', 96) },
        { "quay.io/o/app@multihash+base58:" + new string('F', 32), "quay.io/o/app@multihash+base58:" + new string('F', 32) },
        { "a__b/c--d/e.f_g-h", "docker.io/a__b/c--d/e.f_g-h:latest" },
        { "x:" + new string('t', 128), "docker.io/library/x:" + new string('t', 128) },
        { "x:_Tag.With-Mixed_Case", "docker.io/library/x:_Tag.With-Mixed_Case" },
        { "registry-vpc.cn-hangzhou.aliyuncs.com/ns/app:1", "registry-vpc.cn-hangzhou.aliyuncs.com/ns/app:1" },
        { "inst-registry.cn-shanghai.cr.aliyuncs.com/ns/app", "inst-registry.cn-shanghai.cr.aliyuncs.com/ns/app:latest" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_references_normalise_to_the_fully_qualified_form(string input, string canonical)
    {
        Assert.True(ImageReference.TryParse(input, out var reference, out var error), error);
        Assert.Equal(canonical, reference!.ToString());
        Assert.Equal(reference, ImageReference.Parse(reference.ToString()));
    }

    public static TheoryData<string, string> Invalid() => new()
    {
        { "", "empty" },
        { "NGINX", "must be lowercase" },
        { "docker.io/Library/nginx", "must be lowercase" },
        { "ghcr.io/Owner/app", "must be lowercase" },
        { "nginx:", "tag '' is not valid" },
        { "nginx:-bad", "tag '-bad' is not valid" },
        { "nginx:.bad", "is not valid" },
        { "nginx:" + new string('t', 129), "is not valid" },
        { "nginx:a/b", "is not a valid host" },
        { "nginx@sha256:abc", "sha256 needs exactly 64 lower-case hex digits" },
        { "nginx@sha256:" + new string('A', 64), "sha256 needs exactly 64 lower-case hex digits" },
        { "nginx@sha512:" + new string('a', 64), "sha512 needs exactly 128" },
        { "nginx@sha256:xxxxd5c8786bb9e621a45ece0dbxxxx1cdc624ad20da9fe62e9d25490f33xxxx", "sha256 needs exactly 64" },
        { "nginx@foo:abc", "needs 32 to" },
        { "nginx@1foo:" + new string('a', 32), "algorithm '1foo' is not valid" },
        { "nginx@", "digest is empty" },
        { "nginx@abc", "has no 'algorithm:' prefix" },
        { "a//b", "is not valid" },
        { "/a", "is not valid" },
        { "a/", "is not valid" },
        { "a..b", "is not valid" },
        { "a-", "is not valid" },
        { "-a", "is not valid" },
        { "a___b", "is not valid" },
        { "a.-b", "is not valid" },
        { "my repo", "is not valid" },
        { "ex ample.com/foo", "is not a valid host" },
        { "-bad.com/foo", "is not a valid host" },
        { "bad-.com/foo", "is not a valid host" },
        { "host.com:port/foo", "is not a valid host" },
        { new string('a', 64), "image ID" },
        { "example.com/" + new string('a', 250), "longer than 255" },
        { new string('a', 5000), "longer than" },
        { "caf\u00e9/app", "is not valid" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_references_are_refused_with_the_reason(string input, string reason)
    {
        Assert.False(ImageReference.TryParse(input, out var reference, out var error));
        Assert.Null(reference);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => ImageReference.Parse(input));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void A_reference_without_tag_or_digest_means_latest()
    {
        var bare = ImageReference.Parse("nginx");
        Assert.Equal("latest", bare.Tag);
        Assert.Equal("latest", bare.EffectiveTag);
        Assert.Equal(ImageReference.Parse("docker.io/library/nginx:latest"), bare);

        var pinned = ImageReference.Parse("nginx@" + Sha256);
        Assert.Null(pinned.Tag);
        Assert.Null(pinned.EffectiveTag);
        Assert.True(pinned.IsPinned);

        // Built directly (not parsed), the record still resolves latest.
        Assert.Equal("latest", new ImageReference("docker.io", "library/nginx", null, null).EffectiveTag);
    }

    public static TheoryData<string, string> SameRepository() => new()
    {
        { "nginx", "index.docker.io/library/nginx:1" },
        { "registry.cn-hangzhou.aliyuncs.com/ns/app", "registry-vpc.cn-hangzhou.aliyuncs.com/ns/app" },
        { "registry.cn-hangzhou.aliyuncs.com/ns/app", "registry-intl.cn-hangzhou.aliyuncs.com/ns/app" },
        { "registry.cn-hangzhou.aliyuncs.com/ns/app", "registry-intl-vpc.cn-hangzhou.aliyuncs.com/ns/app" },
        { "registry.cn-hangzhou.aliyuncs.com/ns/app", "registry-internal.cn-hangzhou.aliyuncs.com/ns/app" },
        { "REGISTRY.cn-hangzhou.aliyuncs.com/ns/app", "registry-vpc.cn-hangzhou.aliyuncs.com/ns/app" },
        { "inst-registry.cn-shanghai.cr.aliyuncs.com/ns/app", "inst-registry-vpc.cn-shanghai.cr.aliyuncs.com/ns/app" },
        { "my-inst-registry.cn-shanghai.cr.aliyuncs.com/ns/app", "my-inst-registry-vpc.cn-shanghai.cr.aliyuncs.com/ns/app" },
        // Personal Edition since 2024-09-09: crpi-<instance-id>[-vpc].<region-id>.personal.cr.aliyuncs.com (Alibaba's endpoint table).
        { "crpi-k3x9a7b2c1d0e.cn-hangzhou.personal.cr.aliyuncs.com/ns/app", "crpi-k3x9a7b2c1d0e-vpc.cn-hangzhou.personal.cr.aliyuncs.com/ns/app" },
        { "CRPI-k3x9a7b2c1d0e-VPC.cn-hangzhou.personal.cr.aliyuncs.com/ns/app", "crpi-k3x9a7b2c1d0e.cn-hangzhou.personal.cr.aliyuncs.com/ns/app" },
        { "Example.COM/app", "example.com/app" },
    };

    [Theory]
    [MemberData(nameof(SameRepository))]
    public void Aliases_share_one_repository_key_and_index_label(string a, string b)
    {
        var first = ImageReference.Parse(a);
        var second = ImageReference.Parse(b);

        Assert.Equal(first.RepositoryKey, second.RepositoryKey);
        Assert.Equal(RepositoryIndexLabel.For(first), RepositoryIndexLabel.For(second));
        Assert.Equal(RepositoryIndexLabel.Selector(first), RepositoryIndexLabel.Selector(second));
    }

    public static TheoryData<string, string> DifferentRepository() => new()
    {
        { "nginx", "nginx2" },
        { "nginx", "quay.io/library/nginx" },
        { "registry.cn-hangzhou.aliyuncs.com/ns/app", "registry.cn-shanghai.aliyuncs.com/ns/app" },
        { "registry.cn-hangzhou.aliyuncs.com/ns/app", "registry.cn-hangzhou.aliyuncs.com/ns/app2" },
        { "a-registry.cn-shanghai.cr.aliyuncs.com/ns/app", "b-registry.cn-shanghai.cr.aliyuncs.com/ns/app" },
        { "inst-registry.cn-shanghai.cr.aliyuncs.com/ns/app", "registry.cn-shanghai.aliyuncs.com/ns/app" },
        { "crpi-aaa.cn-hangzhou.personal.cr.aliyuncs.com/ns/app", "crpi-bbb-vpc.cn-hangzhou.personal.cr.aliyuncs.com/ns/app" },
        { "crpi-aaa.cn-hangzhou.personal.cr.aliyuncs.com/ns/app", "registry.cn-hangzhou.aliyuncs.com/ns/app" },
        { "crpi-aaa.cn-hangzhou.personal.cr.aliyuncs.com/ns/app", "crpi-aaa.cn-shanghai.personal.cr.aliyuncs.com/ns/app" },
        { "localhost:5000/app", "localhost:5001/app" },
    };

    [Theory]
    [MemberData(nameof(DifferentRepository))]
    public void Different_repositories_have_different_keys_and_labels(string a, string b)
    {
        var first = ImageReference.Parse(a);
        var second = ImageReference.Parse(b);

        Assert.NotEqual(first.RepositoryKey, second.RepositoryKey);
        Assert.NotEqual(RepositoryIndexLabel.For(first).Key, RepositoryIndexLabel.For(second).Key);
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest", true)]
    [InlineData("nginx:1", "index.docker.io/library/nginx:1", true)]
    [InlineData("nginx:1", "nginx:2", false)]
    [InlineData("nginx:1", "nginx", false)]
    [InlineData("registry-vpc.cn-beijing.aliyuncs.com/ns/app:v1", "registry.cn-beijing.aliyuncs.com/ns/app:v1", true)]
    [InlineData("nginx:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "nginx:1", true)]
    [InlineData("nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "nginx:latest", false)]
    public void Matches_means_same_repository_and_same_tag(string a, string b, bool matches)
    {
        Assert.Equal(matches, ImageReference.Parse(a).Matches(ImageReference.Parse(b)));
        Assert.Equal(matches, ImageReference.Parse(b).Matches(ImageReference.Parse(a)));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("registry-intl-vpc.ap-southeast-1.aliyuncs.com/a-very-long-namespace-name/an-even-longer-repository-name-that-goes-on-and-on-and-on-and-on:v1")]
    [InlineData("[::1]:5000/x")]
    [InlineData("Foo.Example.com/bar/baz")]
    public void Index_labels_are_valid_kubernetes_labels(string image)
    {
        var reference = ImageReference.Parse(image);
        var (key, value) = RepositoryIndexLabel.For(reference);

        Assert.StartsWith("repo.imagecache.functions.openfaas.dev/", key, StringComparison.Ordinal);
        var name = key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..];
        Assert.Matches("^[a-z0-9]{32}$", name);
        Assert.True(key.Length - name.Length - 1 <= 253);
        Assert.Matches("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$", value);
        Assert.Equal($"{key}={value}", RepositoryIndexLabel.Selector(reference));
        Assert.True(RepositoryIndexLabel.IsIndexLabel(key));
        Assert.False(RepositoryIndexLabel.IsIndexLabel("imagecache.functions.openfaas.dev/protect"));
    }

    [Fact]
    public void Index_labels_of_a_cache_are_one_per_repository()
    {
        var labels = RepositoryIndexLabel.ForImages(
        [
            ImageReference.Parse("nginx:1"),
            ImageReference.Parse("nginx:2"),
            ImageReference.Parse("registry-vpc.cn-hangzhou.aliyuncs.com/ns/app:1"),
            ImageReference.Parse("registry.cn-hangzhou.aliyuncs.com/ns/app:2"),
        ]);

        Assert.Equal(2, labels.Count);
        Assert.Contains(labels, l => l.Value == "nginx");
        Assert.Contains(labels, l => l.Value == "app");
    }

    [Fact]
    public void Create_validates_parts_from_a_payload()
    {
        Assert.True(ImageReference.TryCreate("registry-1.docker.io", "nginx", "1", null, out var hub, out _));
        Assert.Equal("docker.io/library/nginx:1", hub!.ToString());

        Assert.False(ImageReference.TryCreate("registry", "app", "1", null, out _, out var bareHost));
        Assert.Contains("has no '.' or ':'", bareHost, StringComparison.Ordinal);

        Assert.False(ImageReference.TryCreate("", "app", "1", null, out _, out var empty));
        Assert.Contains("registry host is empty", empty, StringComparison.Ordinal);

        Assert.False(ImageReference.TryCreate("example.com", "", "1", null, out _, out var noRepo));
        Assert.Contains("repository name is empty", noRepo, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true)]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", true)]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)]
    [InlineData("sha256:e3b0", false)]
    [InlineData("sha256", false)]
    [InlineData(":e3b0c44298fc1c149afbf4c8996fb924", false)]
    [InlineData("a+b.c_d-e:e3b0c44298fc1c149afbf4c8996fb924", true)]
    [InlineData("a++b:e3b0c44298fc1c149afbf4c8996fb924", false)]
    [InlineData("ab+:e3b0c44298fc1c149afbf4c8996fb924", false)]
    [InlineData(null, false)]
    public void Digest_grammar(string? text, bool valid)
    {
        Assert.Equal(valid, Digest.TryParse(text, out var digest));
        if (valid)
        {
            Assert.Equal(text, digest.ToString());
            Assert.Equal(digest, Digest.Parse(text!));
        }
        else
        {
            Assert.Throws<FormatException>(() => Digest.Parse(text!));
        }
    }
}
