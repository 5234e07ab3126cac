using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Operations.Eci;
using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>
/// Re-reads one candidate (its object by name, its ECI cache by id, the owner of an orphan) and
/// asks the selection again, so that no deletion rests on a list read minutes ago: a cache
/// refreshed, protected, re-owned or extended meanwhile is kept. Reads only; dry runs use it too,
/// which is why a dry run reports exactly what a real run deletes.
/// </summary>
public sealed class PruneConfirmer(EciCaches caches, ImageCacheStore store, TimeProvider time)
{
    public async Task<PruneConfirmation> ConfirmAsync(PruneCandidate candidate, PruneRules rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(rules);
        var selected = candidate.Member;

        Resources.ImageCache? freshObject = null;
        if (selected.Object is { } listed)
        {
            freshObject = await store.GetAsync(listed.Name, cancellationToken).ConfigureAwait(false);
            if (freshObject is null || freshObject.Metadata.Uid != listed.Uid)
            {
                return Changed(candidate, selected, freshObject, "the ImageCache object was deleted or replaced since it was listed");
            }
        }
        else if (selected.Cache is { OwnerName: { Length: > 0 } ownerName } orphan)
        {
            var owner = await store.GetAsync(ownerName, cancellationToken).ConfigureAwait(false);
            if (owner is not null && (orphan.OwnerUid is null || owner.Metadata.Uid == orphan.OwnerUid))
            {
                return Changed(candidate, selected, null, $"its owner, ImageCache '{ownerName}', exists");
            }
        }

        var objectState = freshObject is null ? null : ImageCacheObjectState.From(freshObject);
        var cacheId = selected.Cache?.ImageCacheId ?? objectState?.ImageCacheId;
        if (selected.Cache is not null && objectState?.ImageCacheId is { } recorded && recorded != selected.Cache.ImageCacheId)
        {
            return Changed(candidate, selected, freshObject, $"the object now records ECI cache {recorded}");
        }

        EciCacheState? freshCache = null;
        if (cacheId is not null && await caches.FindAsync(cacheId, null, cancellationToken).ConfigureAwait(false) is { } found)
        {
            freshCache = EciCacheState.From(found);
        }

        var member = new FleetMember(objectState, freshCache, selected.OwnerExists);
        var verdict = PruneSelector.Evaluate(member, rules, time.GetUtcNow());
        return verdict.Kind switch
        {
            PruneVerdictKind.Prune => new PruneConfirmation(candidate, member, freshObject, verdict),
            PruneVerdictKind.Skip => new PruneConfirmation(candidate, member, freshObject, verdict, verdict.Detail),
            _ => Changed(candidate, member, freshObject, member.Cache is null && member.Object is null
                ? "ECI no longer has the cache"
                : "a fresh read no longer selects it"),
        };
    }

    private static PruneConfirmation Changed(PruneCandidate candidate, FleetMember member, Resources.ImageCache? freshObject, string detail) =>
        new(candidate, member, freshObject, PruneVerdict.Skip(candidate.Policy, PruneSkipReasons.Changed, detail), detail);
}
