using System.Collections.Specialized;
using System.Text.RegularExpressions;
using ImageCacheFunctions.ImageCaches.Text;

namespace ImageCacheFunctions.ImageCaches.Operations.Reconcile;

/// <summary>
/// The HTTP query of a pass: <c>?name=&lt;imagecache&gt;</c> reconciles just that object (it
/// must be a valid Kubernetes object name); anything else is refused, so a typo never runs a
/// full pass by surprise.
/// </summary>
public static partial class ReconcileQuery
{
    public static bool TryParse(NameValueCollection query, out ReconcileRequest request, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = ReconcileRequest.All;
        error = null;
        foreach (var key in query.AllKeys)
        {
            if (key is not ("name" or "code"))
            {
                error = $"unknown query parameter '{BoundedText.Quote(key)}'; the only one is name=<imagecache>";
                return false;
            }
        }

        var names = query.GetValues("name");
        if (names is null)
        {
            return true;
        }

        if (names.Length != 1 || !IsObjectName(names[0]))
        {
            error = "name must be one ImageCache name: lower-case letters, digits, '-' and '.', at most 253 characters";
            return false;
        }

        request = new ReconcileRequest(names[0]);
        return true;
    }

    private static bool IsObjectName(string? value) => value is { Length: > 0 and <= 253 } && ObjectName().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectName();
}
