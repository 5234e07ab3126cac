using ImageCacheFunctions.Eci.Credentials;
using ImageCacheFunctions.Eci.Errors;
using ImageCacheFunctions.Eci.Models;
using ImageCacheFunctions.Emulators.Eci;

namespace ImageCacheFunctions.Eci.Tests;

/// <summary>The credentials chain: explicit, environment, OpenFaaS secret files, RRSA against the STS stub.</summary>
public sealed class CredentialTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eci-creds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    [Fact]
    public async Task Environment_variables_are_used_when_nothing_explicit_is_set()
    {
        await using var bed = await EciTestBed.StartAsync();
        var chain = CredentialChain.CreateDefault(new CredentialChainOptions
        {
            SecretsDirectory = _directory,
            Environment = Env(
                (CredentialEnvironment.AccessKeyId, EmulatorTestCredentials.AccessKeyId),
                (CredentialEnvironment.AccessKeySecret, EmulatorTestCredentials.AccessKeySecret)),
        });
        Assert.IsType<EnvironmentCredentialProvider>(chain.ActiveSource());

        await bed.Client(credentials: chain).DescribeImageCachesAsync(new DescribeImageCachesRequest());
        Assert.Equal(EmulatorTestCredentials.AccessKeyId, Assert.Single(bed.Emulator.Calls.Snapshot()).AccessKeyId);
    }

    [Fact]
    public async Task OpenFaaS_secret_files_are_read_from_the_configured_directory_trimmed()
    {
        await using var bed = await EciTestBed.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_directory, "alibaba-cloud-access-key-id"), EmulatorTestCredentials.AccessKeyId + "\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "alibaba-cloud-access-key-secret"), EmulatorTestCredentials.AccessKeySecret + "\n");
        var chain = CredentialChain.CreateDefault(new CredentialChainOptions
        {
            Environment = Env((CredentialEnvironment.OpenFaasSecretsDirectory, _directory)),
        });
        Assert.IsType<SecretFilesCredentialProvider>(chain.ActiveSource());

        await bed.Client(credentials: chain).DescribeImageCachesAsync(new DescribeImageCachesRequest());
        Assert.Equal(200, Assert.Single(bed.Emulator.Calls.Snapshot()).StatusCode);
    }

    [Fact]
    public void Precedence_is_explicit_then_environment_then_files_then_RRSA()
    {
        File.WriteAllText(Path.Combine(_directory, "alibaba-cloud-access-key-id"), "file-id");
        File.WriteAllText(Path.Combine(_directory, "alibaba-cloud-access-key-secret"), "file-secret");
        var env = Env(
            (CredentialEnvironment.AccessKeyId, "env-id"),
            (CredentialEnvironment.AccessKeySecret, "env-secret"),
            (CredentialEnvironment.RoleArn, EmulatorTestCredentials.ExampleRoleArn),
            (CredentialEnvironment.OidcProviderArn, EmulatorTestCredentials.ExampleOidcProviderArn),
            (CredentialEnvironment.OidcTokenFile, Path.Combine(_directory, "token")));

        Assert.IsType<StaticCredentialProvider>(CredentialChain.CreateDefault(new() { AccessKeyId = "a", AccessKeySecret = "b", SecretsDirectory = _directory, Environment = env }).ActiveSource());
        Assert.IsType<EnvironmentCredentialProvider>(CredentialChain.CreateDefault(new() { SecretsDirectory = _directory, Environment = env }).ActiveSource());
        var noEnvKeys = Env(
            (CredentialEnvironment.RoleArn, EmulatorTestCredentials.ExampleRoleArn),
            (CredentialEnvironment.OidcProviderArn, EmulatorTestCredentials.ExampleOidcProviderArn),
            (CredentialEnvironment.OidcTokenFile, Path.Combine(_directory, "token")));
        Assert.IsType<SecretFilesCredentialProvider>(CredentialChain.CreateDefault(new() { SecretsDirectory = _directory, Environment = noEnvKeys }).ActiveSource());
        Assert.IsType<OidcRoleCredentialProvider>(CredentialChain.CreateDefault(new() { SecretsDirectory = Path.Combine(_directory, "none"), Environment = noEnvKeys }).ActiveSource());
    }

    [Fact]
    public async Task No_source_configured_gives_a_message_naming_every_source()
    {
        var chain = CredentialChain.CreateDefault(new CredentialChainOptions { SecretsDirectory = _directory, Environment = Env() });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await chain.GetCredentialAsync(CancellationToken.None));
        Assert.Contains(CredentialEnvironment.AccessKeyId, error.Message, StringComparison.Ordinal);
        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
        Assert.Contains(CredentialEnvironment.RoleArn, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Signing.EciSignatureMethod.AcsV3HmacSha256)]
    [InlineData(Signing.EciSignatureMethod.RpcV2HmacSha1)]
    public async Task RRSA_exchanges_the_token_file_at_the_STS_stub_caches_and_refreshes_before_expiry(Signing.EciSignatureMethod method)
    {
        await using var bed = await EciTestBed.StartAsync();
        string tokenFile = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl\n");
        using var rrsa = new OidcRoleCredentialProvider(
            EmulatorTestCredentials.ExampleRoleArn,
            EmulatorTestCredentials.ExampleOidcProviderArn,
            tokenFile,
            "imagecache-test",
            new CredentialChainOptions { StsEndpoint = bed.Emulator.BaseUri, DurationSeconds = 3600 },
            timeProvider: bed.Clock);
        var client = bed.Client(method, rrsa);

        await client.CreateImageCacheAsync(EciTestBed.NewCache("rrsa"));
        await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());
        Assert.Equal(1, rrsa.ExchangeCount);
        var sts = Assert.Single(bed.Emulator.Calls.Of("AssumeRoleWithOIDC"));
        Assert.Equal("***", sts.Parameters["OIDCToken"]);
        Assert.Equal(EmulatorTestCredentials.ExampleRoleArn, sts.Parameters["RoleArn"]);
        var eciCalls = bed.Emulator.Calls.Snapshot().Where(c => c.Action != "AssumeRoleWithOIDC").ToList();
        Assert.All(eciCalls, c => Assert.True(c.SecurityTokenPresent));
        Assert.All(eciCalls, c => Assert.StartsWith("STS.", c.AccessKeyId, StringComparison.Ordinal));
        Assert.All(eciCalls, c => Assert.Equal(200, c.StatusCode));

        bed.Clock.Advance(TimeSpan.FromMinutes(56));
        await client.DescribeImageCachesAsync(new DescribeImageCachesRequest());
        Assert.Equal(2, rrsa.ExchangeCount);
        Assert.Equal(2, bed.Emulator.IssuedStsCredentials);
    }

    [Fact]
    public async Task Expired_STS_credentials_are_refused_by_the_emulator()
    {
        await using var bed = await EciTestBed.StartAsync();
        string tokenFile = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(tokenFile, "a.b.c");
        using var rrsa = new OidcRoleCredentialProvider(
            EmulatorTestCredentials.ExampleRoleArn, EmulatorTestCredentials.ExampleOidcProviderArn, tokenFile, null,
            new CredentialChainOptions { StsEndpoint = bed.Emulator.BaseUri, DurationSeconds = 900 }, timeProvider: bed.Clock);
        var credential = await rrsa.GetCredentialAsync(CancellationToken.None);
        bed.Clock.Advance(TimeSpan.FromMinutes(16));

        var client = bed.Client(credentials: new StaticCredentialProvider(credential));
        var error = await Assert.ThrowsAsync<EciException>(() => client.DescribeImageCachesAsync(new DescribeImageCachesRequest()));
        Assert.Equal("InvalidSecurityToken.Expired", error.Code);
        Assert.True(error.IsCredentialError);
    }

    [Fact]
    public async Task A_bad_OIDC_token_is_an_STS_error_not_a_crash()
    {
        await using var bed = await EciTestBed.StartAsync();
        string tokenFile = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(tokenFile, "not-a-jwt");
        using var rrsa = new OidcRoleCredentialProvider(
            EmulatorTestCredentials.ExampleRoleArn, EmulatorTestCredentials.ExampleOidcProviderArn, tokenFile, null,
            new CredentialChainOptions { StsEndpoint = bed.Emulator.BaseUri }, timeProvider: bed.Clock);
        var error = await Assert.ThrowsAsync<EciException>(async () => await rrsa.GetCredentialAsync(CancellationToken.None));
        Assert.Equal("AssumeRoleWithOIDC", error.Action);
        Assert.Equal("AuthenticationFail.OIDCToken.Invalid", error.Code);
        Assert.DoesNotContain("not-a-jwt", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_HTTP_STS_endpoint_off_loopback_is_refused_before_any_call()
    {
        string tokenFile = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(tokenFile, "a.b.c");
        using var rrsa = new OidcRoleCredentialProvider(
            EmulatorTestCredentials.ExampleRoleArn, EmulatorTestCredentials.ExampleOidcProviderArn, tokenFile, null,
            new CredentialChainOptions { StsEndpoint = new Uri("http://sts.example.com/") });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await rrsa.GetCredentialAsync(CancellationToken.None));
        Assert.Contains("plain HTTP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_never_appear_in_ToString()
    {
        var credential = new AlibabaCloudCredential("LTAIid", "very-secret-value", "sts-token-value", EciTestBed.Start);
        Assert.DoesNotContain("very-secret-value", credential.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sts-token-value", credential.ToString(), StringComparison.Ordinal);
        Assert.Contains("LTAIid", credential.ToString(), StringComparison.Ordinal);

        var login = new ImageRegistryCredential("registry.example.com", "robot", "registry-password");
        Assert.DoesNotContain("registry-password", login.ToString(), StringComparison.Ordinal);
        var request = EciTestBed.NewCache("x") with { ImageRegistryCredentials = [login] };
        Assert.DoesNotContain("registry-password", request.ToString(), StringComparison.Ordinal);
        var update = new UpdateImageCacheRequest { ImageCacheId = "imc-1", ImageRegistryCredentials = [login] };
        Assert.DoesNotContain("registry-password", update.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("EciEmulatorTestSecret", EmulatorAccessKey.TestKey.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_messages_drop_an_echoed_string_to_sign()
    {
        var error = new EciException("CreateImageCache", 400, "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&ImageRegistryCredential.1.Password%3Dhunter2");
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("Specified signature is not matched", error.Message, StringComparison.Ordinal);
    }
}
