using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Time.Testing;
using OpenFaaS.Functions.Worker.Http;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>
/// Keys rotated with <c>faas-cli secret update</c> take effect without a restart: the secret
/// files are read again on use, at most every <see cref="FunctionKeys.RereadInterval"/> of the
/// TimeProvider; a file that is empty half-way through an update keeps the last good key.
/// </summary>
public sealed class FunctionKeyRotationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hosting-keys-").FullName;

    [Fact]
    public void A_rotated_admin_key_is_in_force_after_the_reread_interval_and_an_empty_file_keeps_the_last_good()
    {
        var file = Path.Combine(_folder, FunctionKeys.AdminKeySecret);
        File.WriteAllText(file, "admin-1\n");
        var time = new FakeTimeProvider();
        var warnings = new List<string>();
        var keys = FunctionKeys.Load(_folder, [], time: time, warn: warnings.Add);
        Assert.True(Allowed(keys, "admin-1"));

        File.WriteAllText(file, "admin-2\n");
        Assert.True(Allowed(keys, "admin-1"));   // within the interval: not read again yet

        time.Advance(FunctionKeys.RereadInterval);
        Assert.False(Allowed(keys, "admin-1"));
        Assert.True(Allowed(keys, "admin-2"));

        File.WriteAllText(file, string.Empty);
        time.Advance(FunctionKeys.RereadInterval);
        Assert.True(Allowed(keys, "admin-2"));
        Assert.Contains(warnings, w => w.Contains("last good key stays in force", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_first_presented_after_its_file_was_rotated_is_checked_against_the_rotated_key()
    {
        // The keys are hashed on first use, not at load: the hash must be of the key in force then.
        var file = Path.Combine(_folder, FunctionKeys.AdminKeySecret);
        File.WriteAllText(file, "admin-1\n");
        var time = new FakeTimeProvider();
        var keys = FunctionKeys.Load(_folder, [], time: time);

        File.WriteAllText(file, "admin-2\n");
        time.Advance(FunctionKeys.RereadInterval);
        Assert.False(Allowed(keys, "admin-1"));
        Assert.False(Allowed(keys, "admin-2-and-more"));
        Assert.True(Allowed(keys, "admin-2"));
    }

    private static bool Allowed(FunctionKeys keys, string key)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[FunctionKeys.KeyHeader] = key;
        return keys.Authorize(http.Request, AuthorizationLevel.Admin).Allowed;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
