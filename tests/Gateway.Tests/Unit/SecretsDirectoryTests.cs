using ImageCacheFunctions.LocalGateway.Backends;
using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

public sealed class SecretsDirectoryTests : IDisposable
{
    private static readonly BackendEndpoints Embedded = new(
        "/k", null, new Uri("http://127.0.0.1:1/"), "cn-hangzhou", "LTAI5tEmulatorKey", "emulator-secret");

    private static readonly BackendEndpoints RealEci = Embedded with
    {
        EciEndpoint = new Uri("https://eci.cn-hangzhou.aliyuncs.com"),
        EciTestAccessKeyId = null,
        EciTestAccessKeySecret = null,
    };

    private readonly TempDirectory _directory = new();

    private string Secrets => _directory.Combine("secrets");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Creates_random_function_and_admin_keys_once_and_keeps_them()
    {
        SecretsDirectory.Prepare(Secrets, Embedded, "LTAI5tEmulatorKey");
        var functionKey = File.ReadAllText(Path.Combine(Secrets, "function-key"));
        var adminKey = File.ReadAllText(Path.Combine(Secrets, "admin-key"));

        SecretsDirectory.Prepare(Secrets, Embedded, "LTAI5tEmulatorKey");

        Assert.Matches("^[0-9a-f]{64}$", functionKey);
        Assert.NotEqual(functionKey, adminKey);
        Assert.Equal(functionKey, File.ReadAllText(Path.Combine(Secrets, "function-key")));
        Assert.Equal(adminKey, File.ReadAllText(Path.Combine(Secrets, "admin-key")));
    }

    [Fact]
    public void Never_overwrites_a_key_the_user_put_there()
    {
        Directory.CreateDirectory(Secrets);
        File.WriteAllText(Path.Combine(Secrets, "function-key"), "mine");

        SecretsDirectory.Prepare(Secrets, Embedded, "LTAI5tEmulatorKey");

        Assert.Equal("mine", File.ReadAllText(Path.Combine(Secrets, "function-key")));
    }

    [Fact]
    public void Writes_the_emulators_test_key_for_the_embedded_eci()
    {
        SecretsDirectory.Prepare(Secrets, Embedded, "LTAI5tEmulatorKey");

        Assert.Equal("LTAI5tEmulatorKey", File.ReadAllText(Path.Combine(Secrets, "alibaba-cloud-access-key-id")));
        Assert.Equal("emulator-secret", File.ReadAllText(Path.Combine(Secrets, "alibaba-cloud-access-key-secret")));
    }

    [Fact]
    public void Against_real_eci_removes_the_test_key_an_embedded_run_left_but_keeps_the_users_own()
    {
        SecretsDirectory.Prepare(Secrets, Embedded, "LTAI5tEmulatorKey");

        SecretsDirectory.Prepare(Secrets, RealEci, "LTAI5tEmulatorKey");

        Assert.False(File.Exists(Path.Combine(Secrets, "alibaba-cloud-access-key-id")));
        Assert.False(File.Exists(Path.Combine(Secrets, "alibaba-cloud-access-key-secret")));

        File.WriteAllText(Path.Combine(Secrets, "alibaba-cloud-access-key-id"), "LTAIusers");
        SecretsDirectory.Prepare(Secrets, RealEci, "LTAI5tEmulatorKey");
        Assert.Equal("LTAIusers", File.ReadAllText(Path.Combine(Secrets, "alibaba-cloud-access-key-id")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Keeps_the_folder_and_its_files_private_to_the_user()
    {
        SecretsDirectory.Prepare(Secrets, Embedded, "LTAI5tEmulatorKey");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Secrets));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Secrets, "function-key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Secrets, "alibaba-cloud-access-key-secret")));
    }
}
