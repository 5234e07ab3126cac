using ImageCacheFunctions.ImageCaches.Credentials;

namespace ImageCacheFunctions.ImageCaches.Tests.Credentials;

public sealed class RegistryAuthKeyTests
{
    [Theory]
    [InlineData("https://index.docker.io/v1/")]
    [InlineData("index.docker.io")]
    [InlineData("docker.io")]
    [InlineData("registry-1.docker.io")]
    [InlineData("https://registry-1.docker.io")]
    [InlineData("http://docker.io/v2/")]
    [InlineData("DOCKER.IO")]
    public void Every_name_of_Docker_Hub_matches_Docker_Hub_images(string key)
    {
        var target = RegistryAuthKey.Parse(key)!;

        Assert.True(target.Matches("docker.io", "library/nginx"));
        Assert.True(target.Matches("index.docker.io", "someone/app"));
    }

    [Theory]
    [InlineData("registry.example.com:5000", "registry.example.com:5000", true)]
    [InlineData("https://registry.example.com:5000/v2/", "registry.example.com:5000", true)]
    [InlineData("registry.example.com:5000", "registry.example.com", false)]
    [InlineData("registry.example.com", "registry.example.com:5000", false)]
    [InlineData("registry.example.com:5001", "registry.example.com:5000", false)]
    [InlineData("localhost:5000", "localhost:5000", true)]
    [InlineData("[::1]:5000", "[::1]:5000", true)]
    [InlineData("Registry.Example.COM", "registry.example.com", true)]
    public void Host_and_port_must_match_exactly(string key, string registry, bool matches)
    {
        Assert.Equal(matches, RegistryAuthKey.Parse(key)!.Matches(registry, "team/app"));
    }

    [Theory]
    [InlineData("reg.example.com/team", "team/app", true)]
    [InlineData("reg.example.com/team", "team", true)]
    [InlineData("reg.example.com/team", "teamwork/app", false)]
    [InlineData("reg.example.com/team/app", "team/other", false)]
    public void A_path_in_the_key_is_a_repository_prefix(string key, string repository, bool matches)
    {
        Assert.Equal(matches, RegistryAuthKey.Parse(key)!.Matches("reg.example.com", repository));
    }

    [Theory]
    [InlineData("*.azurecr.io", "myreg.azurecr.io", true)]
    [InlineData("*.azurecr.io", "azurecr.io", false)]
    [InlineData("*.azurecr.io", "a.b.azurecr.io", false)]
    [InlineData("registry-*.example.com", "registry-eu.example.com", true)]
    public void Host_globs_match_one_label(string key, string registry, bool matches)
    {
        Assert.Equal(matches, RegistryAuthKey.Parse(key)!.Matches(registry, "app"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://")]
    [InlineData("reg.example.com:port")]
    [InlineData("user@reg.example.com")]
    public void Keys_that_name_no_host_are_rejected(string key)
    {
        Assert.Null(RegistryAuthKey.Parse(key));
    }
}
