using System.Collections.Concurrent;

namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>The AccessKeys the emulator accepts: configured pairs plus temporary ones issued by the STS stub.</summary>
internal sealed class KeyRegistry
{
    private readonly ConcurrentDictionary<string, string> _permanent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TemporaryKey> _temporary = new(StringComparer.Ordinal);

    public KeyRegistry(IEnumerable<EmulatorAccessKey> keys)
    {
        foreach (var key in keys)
        {
            _permanent[key.AccessKeyId] = key.AccessKeySecret;
        }
    }

    public void AddPermanent(EmulatorAccessKey key) => _permanent[key.AccessKeyId] = key.AccessKeySecret;

    public void AddTemporary(string accessKeyId, TemporaryKey key) => _temporary[accessKeyId] = key;

    public bool TryGet(string accessKeyId, out string secret, out TemporaryKey? temporary)
    {
        temporary = null;
        if (_permanent.TryGetValue(accessKeyId, out secret!))
        {
            return true;
        }

        if (_temporary.TryGetValue(accessKeyId, out var t))
        {
            temporary = t;
            secret = t.AccessKeySecret;
            return true;
        }

        secret = string.Empty;
        return false;
    }
}

/// <summary>Temporary credentials issued by AssumeRoleWithOIDC.</summary>
/// <param name="AccessKeySecret">Secret.</param>
/// <param name="SecurityToken">The token that must accompany the key.</param>
/// <param name="Expiration">Expiry.</param>
internal sealed record TemporaryKey(string AccessKeySecret, string SecurityToken, DateTimeOffset Expiration);
