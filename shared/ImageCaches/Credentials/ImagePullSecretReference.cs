using System.Text.RegularExpressions;

namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>An entry of spec.imagePullSecrets: <c>namespace:name</c> (the seed's format).</summary>
public sealed partial record ImagePullSecretReference(string Namespace, string Name)
{
    public static bool TryParse(string? value, out ImagePullSecretReference? reference)
    {
        reference = null;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split(':');
        if (parts.Length != 2 || !NamespacePattern().IsMatch(parts[0]) || !NamePattern().IsMatch(parts[1]) || parts[1].Length > 253)
        {
            return false;
        }

        reference = new ImagePullSecretReference(parts[0], parts[1]);
        return true;
    }

    public override string ToString() => $"{Namespace}:{Name}";

    // Namespaces are DNS labels; secret names are DNS subdomains.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex NamePattern();
}
