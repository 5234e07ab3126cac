using System.Collections;
using System.Globalization;

namespace ImageCacheFunctions.Eci.Wire;

/// <summary>
/// Operation parameters as the RPC wire flattens them: scalars by name, lists 1-based and
/// repeated (<c>Image.1</c>, <c>Tag.1.Key</c>, <c>AcrRegistryInfo.1.Domain.1</c>). Null values are left out.
/// </summary>
public sealed class RpcParameters : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    /// <summary>Number of flattened parameters.</summary>
    public int Count => _items.Count;

    /// <summary>Adds a string parameter unless it is null.</summary>
    /// <param name="name">Wire name.</param>
    /// <param name="value">Value.</param>
    /// <returns>This instance.</returns>
    public RpcParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _items.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Adds an integer parameter unless it is null.</summary>
    /// <param name="name">Wire name.</param>
    /// <param name="value">Value.</param>
    /// <returns>This instance.</returns>
    public RpcParameters Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a boolean parameter (<c>true</c>/<c>false</c>) unless it is null.</summary>
    /// <param name="name">Wire name.</param>
    /// <param name="value">Value.</param>
    /// <returns>This instance.</returns>
    public RpcParameters Add(string name, bool? value) =>
        Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds <c>prefix.1</c>, <c>prefix.2</c>, … for a list of strings.</summary>
    /// <param name="prefix">Wire name of the list.</param>
    /// <param name="values">The values, or null.</param>
    /// <returns>This instance.</returns>
    public RpcParameters AddList(string prefix, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return this;
        }

        for (int i = 0; i < values.Count; i++)
        {
            Add(Indexed(prefix, i), values[i]);
        }

        return this;
    }

    /// <summary>Adds a list of objects, each flattened under <c>prefix.N</c> by <paramref name="flatten"/>.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="prefix">Wire name of the list.</param>
    /// <param name="items">The items, or null.</param>
    /// <param name="flatten">Adds one item's fields under the given prefix (e.g. <c>Tag.1</c>).</param>
    /// <returns>This instance.</returns>
    public RpcParameters AddObjects<T>(string prefix, IReadOnlyList<T>? items, Action<RpcParameters, string, T> flatten)
    {
        ArgumentNullException.ThrowIfNull(flatten);
        if (items is null)
        {
            return this;
        }

        for (int i = 0; i < items.Count; i++)
        {
            flatten(this, Indexed(prefix, i), items[i]);
        }

        return this;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Indexed(string prefix, int zeroBased) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}.{zeroBased + 1}");
}
