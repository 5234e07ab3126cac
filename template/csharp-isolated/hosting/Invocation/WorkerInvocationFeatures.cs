using System.Collections;
using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>The per-invocation feature bag of a <see cref="FunctionContext"/>.</summary>
internal sealed class WorkerInvocationFeatures : IInvocationFeatures
{
    private readonly Dictionary<Type, object> _features = [];

    public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

    public void Set<T>(T instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _features[typeof(T)] = instance;
    }

    /// <summary>Sets a feature whose type the host can only name at run time (Worker.Core's internal interfaces).</summary>
    public void Set(Type type, object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _features[type] = instance;
    }

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
