namespace ImageCacheFunctions.ImageCaches.Images;

/// <summary>
/// A content digest such as <c>sha256:…</c>, validated per the distribution reference grammar:
/// <c>algorithm ":" hex</c>. The registered algorithms have their exact length and lower-case
/// hex (sha256: 64, sha384: 96, sha512: 128), as OCI and go-digest require; any other
/// algorithm follows the grammar (<c>[A-Za-z][A-Za-z0-9]*</c> components joined by
/// <c>+ . _ -</c>, then at least 32 hex digits) and is kept as written.
/// </summary>
public readonly record struct Digest(string Algorithm, string Hex)
{
    /// <summary>Longest hex part accepted for an unregistered algorithm (no real hash is longer).</summary>
    public const int MaxHexLength = 1024;

    public override string ToString() => $"{Algorithm}:{Hex}";

    public static Digest Parse(string value) =>
        TryParse(value, out var digest) ? digest : throw new FormatException($"'{value}' is not a valid digest");

    public static bool TryParse(string? value, out Digest digest) => TryParse(value, out digest, out _);

    /// <summary>Parses a digest, or says in <paramref name="error"/> why it is not one.</summary>
    public static bool TryParse(string? value, out Digest digest, out string? error)
    {
        digest = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "digest is empty";
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"digest '{Shorten(value)}' has no 'algorithm:' prefix";
            return false;
        }

        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        if (!IsAlgorithm(algorithm))
        {
            error = $"digest algorithm '{Shorten(algorithm)}' is not valid";
            return false;
        }

        var expectedLength = RegisteredLength(algorithm);
        if (expectedLength is { } length)
        {
            if (hex.Length != length || !hex.All(IsLowerHex))
            {
                error = $"digest '{Shorten(value)}' is not valid: {algorithm} needs exactly {length} lower-case hex digits";
                return false;
            }
        }
        else if (hex.Length < 32 || hex.Length > MaxHexLength || !hex.All(char.IsAsciiHexDigit))
        {
            error = $"digest '{Shorten(value)}' is not valid: needs 32 to {MaxHexLength} hex digits";
            return false;
        }

        digest = new Digest(algorithm, hex);
        error = null;
        return true;
    }

    /// <summary>Length of the hex part for the algorithms OCI registers; null for others.</summary>
    private static int? RegisteredLength(string algorithm) => algorithm switch
    {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => null,
    };

    private static bool IsLowerHex(char c) => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';

    // digest-algorithm := component [ separator component ]*, component := [A-Za-z][A-Za-z0-9]*
    private static bool IsAlgorithm(string algorithm)
    {
        var atComponentStart = true;
        foreach (var c in algorithm)
        {
            if (atComponentStart)
            {
                if (!char.IsAsciiLetter(c))
                {
                    return false;
                }

                atComponentStart = false;
            }
            else if (c is '+' or '.' or '_' or '-')
            {
                atComponentStart = true;
            }
            else if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return !atComponentStart && algorithm.Length <= 64;
    }

    // Error messages quote the input; a huge or hostile value must not make them huge.
    internal static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
