using System.Security.Cryptography;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// A secret read from a file. Never printed: <see cref="ToString"/> says only where it came from.
/// </summary>
public sealed class Secret
{
    /// <summary>Largest secret file read (a token or HMAC key is far smaller).</summary>
    public const int MaxFileBytes = 64 * 1024;

    private readonly byte[] value;

    private Secret(byte[] value, string origin)
    {
        this.value = value;
        Origin = origin;
    }

    /// <summary>Where the secret came from (the file path), safe to show.</summary>
    public string Origin { get; }

    internal ReadOnlySpan<byte> Value => value;

    /// <summary>
    /// Reads a secret file. Trailing line breaks and spaces are dropped (<c>echo</c> and editors
    /// add them); an empty or missing file is an error.
    /// </summary>
    public static Secret FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new WebhookConfigurationException($"secret file '{path}' does not exist");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new WebhookConfigurationException($"secret file '{path}' is larger than {MaxFileBytes} bytes");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WebhookConfigurationException($"secret file '{path}' cannot be read: {e.Message}");
        }

        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        if (length == 0)
        {
            throw new WebhookConfigurationException($"secret file '{path}' is empty");
        }

        return new Secret(bytes[..length], path);
    }

    /// <summary>A secret held in memory (tests, or a host that reads its secrets elsewhere).</summary>
    public static Secret FromBytes(ReadOnlySpan<byte> value, string origin)
    {
        if (value.IsEmpty)
        {
            throw new WebhookConfigurationException($"secret from {origin} is empty");
        }

        return new Secret(value.ToArray(), origin);
    }

    /// <summary>
    /// Constant-time comparison with a presented value. Both sides are hashed first, so neither
    /// the content nor the length of the secret leaks through timing.
    /// </summary>
    internal bool Matches(ReadOnlySpan<byte> presented)
    {
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(value, expected);
        SHA256.HashData(presented, actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    public override string ToString() => $"[secret from {Origin}]";
}
