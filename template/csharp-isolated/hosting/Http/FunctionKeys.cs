using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The keys behind AuthorizationLevel: Function accepts the OpenFaaS secret <c>function-key</c>
/// (or <c>admin-key</c>), Admin and System accept <c>admin-key</c>. A caller sends the key in
/// the <c>x-functions-key</c> header or the <c>code</c> query parameter. A secret a function needs
/// and that is missing fails the start. The files are read again (at most every
/// <see cref="RereadInterval"/>, on use) so that <c>faas-cli secret update</c> takes effect without
/// a restart; a file that is missing or empty then keeps the last good key, and says so.
/// </summary>
internal sealed class FunctionKeys
{
    /// <summary>How stale a key may be after its secret file changed.</summary>
    public static readonly TimeSpan RereadInterval = TimeSpan.FromSeconds(2);

    public const string FunctionKeySecret = "function-key";
    public const string AdminKeySecret = "admin-key";
    public const string KeyHeader = "x-functions-key";
    public const string KeyQueryParameter = "code";

    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly Action<string>? _warn;
    private StoredKey? _functionKey;
    private StoredKey? _adminKey;
    private long _readAt;

    private FunctionKeys(string directory, StoredKey? functionKey, StoredKey? adminKey, bool open, TimeProvider time, Action<string>? warn)
    {
        _directory = directory;
        _functionKey = functionKey;
        _adminKey = adminKey;
        IsOpen = open;
        _time = time;
        _warn = warn;
        _readAt = time.GetTimestamp();
    }

    /// <summary>
    /// A local run without the key secrets: every level is served without a key, as Azure
    /// Functions Core Tools does. Never under of-watchdog, where a missing secret fails the start.
    /// </summary>
    public bool IsOpen { get; }

    /// <summary>Reads the keys the functions need; <paramref name="connectorTimer"/>, when set, is a timer function whose cron-connector calls need the function key.</summary>
    /// <exception cref="FunctionsStartupException">A needed secret is missing or empty.</exception>
    public static FunctionKeys Load(string secretsDirectory, IEnumerable<FunctionEntry> httpFunctions, bool local = false, TimeProvider? time = null, Action<string>? warn = null, FunctionEntry? connectorTimer = null)
    {
        StoredKey? adminKey = TryRead(secretsDirectory, AdminKeySecret, out _);
        var keyed = httpFunctions.Where(f => f.HttpTrigger!.AuthLevel != AuthorizationLevel.Anonymous).ToList();
        if (local && (keyed.Count > 0 || connectorTimer is not null) && adminKey is null && TryRead(secretsDirectory, FunctionKeySecret, out _) is null)
        {
            return new FunctionKeys(secretsDirectory, null, null, open: true, time ?? TimeProvider.System, warn);
        }

        StoredKey? functionKey = connectorTimer is null ? null : TryRead(secretsDirectory, FunctionKeySecret, out var connectorKeyPath)
            ?? throw new FunctionsStartupException(
                $"secret '{FunctionKeySecret}' is missing or empty: timer function '{connectorTimer.Name}' runs on cron-connector calls, which must carry the function key (file {connectorKeyPath}); set {WorkerHostSettings.ConnectorAuthKey}=none only where the platform authenticates them.");

        foreach (var function in keyed)
        {
            switch (function.HttpTrigger!.AuthLevel)
            {
                case AuthorizationLevel.Function:
                    functionKey ??= Require(secretsDirectory, FunctionKeySecret, function);
                    break;
                case AuthorizationLevel.Admin or AuthorizationLevel.System:
                    adminKey ??= Require(secretsDirectory, AdminKeySecret, function);
                    break;
            }
        }

        return new FunctionKeys(secretsDirectory, functionKey, adminKey, open: false, time ?? TimeProvider.System, warn);
    }

    private void RereadIfDue()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Interlocked.Read(ref _readAt), now) < RereadInterval)
        {
            return;
        }

        Interlocked.Exchange(ref _readAt, now);
        _functionKey = Reread(FunctionKeySecret, _functionKey);
        _adminKey = Reread(AdminKeySecret, _adminKey);
    }

    // A key in use whose file went missing or empty (half-way through an update) stays in force.
    private StoredKey? Reread(string secret, StoredKey? current)
    {
        var fresh = TryRead(_directory, secret, out var path);
        if (fresh is null && current is not null)
        {
            _warn?.Invoke($"secret '{secret}' ({path}) is missing or empty now; the last good key stays in force");
            return current;
        }

        return fresh;
    }

    public KeyAuthorization Authorize(HttpRequest request, AuthorizationLevel level)
    {
        if (level == AuthorizationLevel.Anonymous || IsOpen)
        {
            return KeyAuthorization.Anonymous;
        }

        string? presented = request.Headers[KeyHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query[KeyQueryParameter].FirstOrDefault();
        }

        if (string.IsNullOrEmpty(presented))
        {
            return KeyAuthorization.Denied;
        }

        RereadIfDue();

        // Hashing first makes the comparison constant-time whatever the lengths.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var isAdmin = _adminKey is { } adminKey && CryptographicOperations.FixedTimeEquals(hash, adminKey.Hash);
        var isFunction = _functionKey is { } functionKey && CryptographicOperations.FixedTimeEquals(hash, functionKey.Hash);
        if (isAdmin)
        {
            return KeyAuthorization.WithKey("Admin", AdminKeySecret);
        }

        return isFunction && level == AuthorizationLevel.Function
            ? KeyAuthorization.WithKey("Function", FunctionKeySecret)
            : KeyAuthorization.Denied;
    }

    private static StoredKey Require(string directory, string secret, FunctionEntry function) =>
        TryRead(directory, secret, out var path) ?? throw new FunctionsStartupException(
            $"secret '{secret}' is missing or empty: function '{function.Name}' uses AuthorizationLevel.{function.HttpTrigger!.AuthLevel}, which needs the OpenFaaS secret {secret} (file {path}).");

    private static StoredKey? TryRead(string directory, string secret, out string path)
    {
        path = Path.Combine(directory, secret);
        if (!File.Exists(path))
        {
            return null;
        }

        // Secrets made with `echo` end in a newline that is not part of the key.
        var key = File.ReadAllText(path).Trim();
        return key.Length == 0 ? null : new StoredKey(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>
    /// A key as read from its file, hashed when a caller first presents a key: SHA-256 loads the
    /// cryptography libraries (4.6 MB mapped), which nothing needs before the first keyed call.
    /// </summary>
    private sealed class StoredKey(byte[] utf8)
    {
        public byte[] Hash => field ??= SHA256.HashData(utf8);
    }
}
