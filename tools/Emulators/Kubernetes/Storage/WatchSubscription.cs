using System.Threading.Channels;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>One open watch: the changes of one resource type (and namespace) that pass its filter.</summary>
internal sealed class WatchSubscription
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSubscription(string storageKey, string? ns, Func<StoredObject, bool> filter)
    {
        StorageKey = storageKey;
        Namespace = ns;
        Filter = filter;
    }

    public string StorageKey { get; }

    public string? Namespace { get; }

    public Func<StoredObject, bool> Filter { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    /// <summary>
    /// Delivers a change as this watcher sees it: an object leaving the selector is DELETED for it,
    /// one entering is ADDED, as the apiserver's watch cache does.
    /// </summary>
    public void Offer(WatchEvent change)
    {
        if (Namespace is not null && change.Object.Namespace != Namespace)
        {
            return;
        }
        var now = change.Type != "DELETED" && Filter(change.Object);
        var before = change.Previous is not null && Filter(change.Previous);
        var type = change.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => Filter(change.Object) || before ? "DELETED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            _events.Writer.TryWrite(change with { Type = type });
        }
    }

    public void Complete() => _events.Writer.TryComplete();
}
