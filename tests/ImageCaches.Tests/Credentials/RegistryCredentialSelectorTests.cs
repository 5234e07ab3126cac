using ImageCacheFunctions.ImageCaches.Credentials;
using static ImageCacheFunctions.ImageCaches.Tests.Credentials.DockerConfigSecrets;

namespace ImageCacheFunctions.ImageCaches.Tests.Credentials;

public sealed class RegistryCredentialSelectorTests
{
    [Fact]
    public void Only_the_caches_registries_get_credentials()
    {
        var secret = DockerConfigJsonSecret("default:all",
            ("registry.cn-shanghai.aliyuncs.com", "acr", "acr-pw"),
            ("https://index.docker.io/v1/", "hub", "hub-pw"),
            ("ghcr.io", "gh", "gh-pw"));

        var result = RegistryCredentialSelector.Select(["registry.cn-shanghai.aliyuncs.com/baz/nginx:1.0", "busybox:latest"], [secret]);

        Assert.Equal(
            [new RegistryCredential("registry.cn-shanghai.aliyuncs.com", "acr", "acr-pw"), new RegistryCredential("docker.io", "hub", "hub-pw")],
            result.Credentials);
        Assert.Empty(result.Problems);
        Assert.Empty(result.RegistriesWithoutCredentials);
    }

    [Fact]
    public void Legacy_dockercfg_secrets_are_used()
    {
        var result = RegistryCredentialSelector.Select(["quay.io/team/app:1"], [DockerCfgSecret("ns:legacy", ("https://quay.io", "q", "w"))]);

        Assert.Equal(new RegistryCredential("quay.io", "q", "w"), Assert.Single(result.Credentials));
    }

    [Fact]
    public void The_first_secret_in_spec_order_with_an_entry_wins()
    {
        var first = DockerConfigJsonSecret("default:first", ("docker.io", "one", "1"));
        var second = DockerConfigJsonSecret("default:second", ("index.docker.io", "two", "2"));

        var result = RegistryCredentialSelector.Select(["nginx"], [first, second]);

        Assert.Equal("one", Assert.Single(result.Credentials).UserName);
        // The second had an entry for the registry too, so it is not reported as useless.
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void The_most_specific_entry_of_a_secret_wins()
    {
        var secret = DockerConfigJsonSecret("default:s", ("reg.example.com", "broad", "b"), ("reg.example.com/team", "narrow", "n"));

        var result = RegistryCredentialSelector.Select(["reg.example.com/team/app:1"], [secret]);

        Assert.Equal("narrow", Assert.Single(result.Credentials).UserName);
    }

    [Fact]
    public void Registries_with_ports_match_only_the_same_port()
    {
        var secret = DockerConfigJsonSecret("default:s", ("reg.example.com:5000", "u", "p"));

        var result = RegistryCredentialSelector.Select(["reg.example.com:5000/app:1", "reg.example.com/app:1"], [secret]);

        Assert.Equal(new RegistryCredential("reg.example.com:5000", "u", "p"), Assert.Single(result.Credentials));
        Assert.Equal(["reg.example.com"], result.RegistriesWithoutCredentials);
    }

    [Fact]
    public void Registries_without_an_entry_are_taken_as_public()
    {
        var secret = DockerConfigJsonSecret("default:acr", ("registry.cn-hangzhou.aliyuncs.com", "u", "p"));

        var result = RegistryCredentialSelector.Select(["registry.cn-hangzhou.aliyuncs.com/a/b:1", "centos:latest"], [secret]);

        Assert.Equal(["docker.io"], result.RegistriesWithoutCredentials);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_secret_with_no_entry_for_the_caches_registries_is_reported_by_name()
    {
        var secret = DockerConfigJsonSecret("default:acr-test", ("registry.cn-beijing.aliyuncs.com", "u", "p"));

        var result = RegistryCredentialSelector.Select(["registry.cn-shanghai.aliyuncs.com/baz/nginx:1.0"], [secret]);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImagePullSecretProblemKind.NoEntryForRegistries, problem.Kind);
        Assert.Equal("default:acr-test", problem.Secret);
        Assert.Contains("registry.cn-shanghai.aliyuncs.com", problem.Message, StringComparison.Ordinal);
        Assert.Contains("default:acr-test", problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Credentials);
        Assert.DoesNotContain("p\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_entry_for_a_needed_registry_is_reported_with_secret_and_registry()
    {
        var secret = ImagePullSecretContent.Decode("default:broken", ImagePullSecretContent.DockerConfigJsonType,
            Data(ImagePullSecretContent.DockerConfigJsonKey, """{"auths":{"ghcr.io":{"auth":"bm9jb2xvbg=="}}}"""));

        var result = RegistryCredentialSelector.Select(["ghcr.io/org/app:2"], [secret]);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImagePullSecretProblemKind.MalformedEntry, problem.Kind);
        Assert.Equal(("default:broken", "ghcr.io"), (problem.Secret, problem.Registry));
    }

    [Fact]
    public void Images_of_one_registry_needing_different_credentials_are_reported()
    {
        var secret = DockerConfigJsonSecret("default:s", ("reg.example.com/a", "ua", "pa"), ("reg.example.com/b", "ub", "pb"));

        var result = RegistryCredentialSelector.Select(["reg.example.com/a/x:1", "reg.example.com/b/y:1"], [secret]);

        Assert.Equal("ua", Assert.Single(result.Credentials).UserName);
        Assert.Equal(ImagePullSecretProblemKind.ConflictingCredentials, Assert.Single(result.Problems).Kind);
    }

    [Theory]
    [InlineData("Opaque", ".dockerconfigjson", ImagePullSecretProblemKind.UnsupportedType)]
    [InlineData(null, ".dockerconfigjson", ImagePullSecretProblemKind.UnsupportedType)]
    [InlineData("kubernetes.io/dockerconfigjson", ".dockercfg", ImagePullSecretProblemKind.Malformed)]
    [InlineData("kubernetes.io/dockercfg", ".dockerconfigjson", ImagePullSecretProblemKind.Malformed)]
    public void Secrets_of_the_wrong_type_or_key_are_problems(string? type, string key, ImagePullSecretProblemKind kind)
    {
        var content = ImagePullSecretContent.Decode("default:s", type, Data(key, ConfigJson(("docker.io", "u", "p"))));

        Assert.Null(content.Config);
        Assert.Equal(kind, content.Problem!.Kind);
        Assert.Contains("default:s", content.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(kind, Assert.Single(RegistryCredentialSelector.Select(["nginx"], [content]).Problems).Kind);
    }

    [Theory]
    [InlineData("default:secret1", true)]
    [InlineData("kube-system:secret3", true)]
    [InlineData("secret1", false)]
    [InlineData("default:", false)]
    [InlineData(":name", false)]
    [InlineData("a:b:c", false)]
    [InlineData("Default:Secret", false)]
    public void Secret_references_are_namespace_colon_name(string value, bool valid)
    {
        Assert.Equal(valid, ImagePullSecretReference.TryParse(value, out _));
    }
}
