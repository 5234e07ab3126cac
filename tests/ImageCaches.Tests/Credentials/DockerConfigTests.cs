using System.Text;
using ImageCacheFunctions.ImageCaches.Credentials;
using static ImageCacheFunctions.ImageCaches.Tests.Credentials.DockerConfigSecrets;

namespace ImageCacheFunctions.ImageCaches.Tests.Credentials;

public sealed class DockerConfigTests
{
    [Fact]
    public void Auth_wins_over_username_and_password_and_keeps_colons_in_the_password()
    {
        var json = """{"auths":{"reg.example.com":{"username":"ignored","password":"ignored","auth":"AUTH"}}}""".Replace("AUTH", Auth("robot$ci", "pa:ss:word"), StringComparison.Ordinal);

        Assert.True(DockerConfig.TryParse(DockerConfigFormat.DockerConfigJson, Encoding.UTF8.GetBytes(json), out var config, out _));

        var entry = Assert.Single(config!.Entries);
        Assert.Equal("robot$ci", entry.UserName);
        Assert.Equal("pa:ss:word", entry.Password);
    }

    [Fact]
    public void Username_and_password_fields_are_used_without_auth()
    {
        var json = """{"auths":{"https://reg.example.com/v1/":{"username":"u","password":"p"}}}""";

        Assert.True(DockerConfig.TryParse(DockerConfigFormat.DockerConfigJson, Encoding.UTF8.GetBytes(json), out var config, out _));

        var entry = Assert.Single(config!.Entries);
        Assert.Equal(("u", "p"), (entry.UserName, entry.Password));
        Assert.Equal(new RegistryAuthKey("reg.example.com", null, ""), entry.Target);
    }

    [Fact]
    public void Legacy_dockercfg_has_its_entries_at_the_top_level()
    {
        Assert.True(DockerConfig.TryParse(DockerConfigFormat.DockerCfg, Encoding.UTF8.GetBytes(Cfg(("quay.io", "q", "w"))), out var config, out _));

        Assert.Equal("quay.io", Assert.Single(config!.Entries).Target.Host);
    }

    [Theory]
    [InlineData("not json", "is not valid JSON")]
    [InlineData("[1]", "is not a JSON object")]
    [InlineData("""{"credsStore":"desktop"}""", "has no \"auths\" object")]
    public void An_unusable_document_is_an_error_without_secret_material(string json, string error)
    {
        Assert.False(DockerConfig.TryParse(DockerConfigFormat.DockerConfigJson, Encoding.UTF8.GetBytes(json), out _, out var message));
        Assert.Equal(error, message);
    }

    [Fact]
    public void A_bad_entry_is_kept_aside_with_its_reason()
    {
        var json = """{"auths":{"a.example.com":{"auth":"%%%"},"b.example.com":{"identitytoken":"t"},"c.example.com":{"auth":"bm9jb2xvbg=="},"d.example.com":{"username":"u","password":"p"}}}""";

        Assert.True(DockerConfig.TryParse(DockerConfigFormat.DockerConfigJson, Encoding.UTF8.GetBytes(json), out var config, out _));

        Assert.Equal("d.example.com", Assert.Single(config!.Entries).Key);
        Assert.Equal(
            ["\"auth\" is not base64", "it holds only a token; ECI needs a user name and password", "\"auth\" does not decode to user:password"],
            config.InvalidEntries.Select(e => e.Reason));
    }

    [Fact]
    public void Printing_a_credential_never_shows_the_password()
    {
        var credential = new RegistryCredential("docker.io", "alice", "s3cr3t-value");
        Assert.DoesNotContain("s3cr3t-value", credential.ToString(), StringComparison.Ordinal);
        Assert.Contains("alice", credential.ToString(), StringComparison.Ordinal);

        Assert.True(DockerConfig.TryParse(DockerConfigFormat.DockerConfigJson, Encoding.UTF8.GetBytes(ConfigJson(("docker.io", "alice", "s3cr3t-value"))), out var config, out _));
        Assert.DoesNotContain("s3cr3t-value", config!.Entries[0].ToString(), StringComparison.Ordinal);
    }
}
