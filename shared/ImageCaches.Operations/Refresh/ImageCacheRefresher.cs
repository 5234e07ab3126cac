using System.Collections.Concurrent;
using ImageCacheFunctions.ImageCaches.AutoCreate;
using ImageCacheFunctions.ImageCaches.Images;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Operations.Reconcile;
using ImageCacheFunctions.ImageCaches.Refresh;
using ImageCacheFunctions.ImageCaches.Registries;
using ImageCacheFunctions.ImageCaches.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// Turns the pushes of one webhook delivery into refreshes: finds the ImageCache objects that
/// hold each pushed repository and tag (label selector on the repository index, then the
/// normalised comparison), records each needed refresh on the object's status first
/// (resourceVersion-checked, merged with a pending one), auto-creates caches for pushes no cache
/// holds when a rule says so, then reconciles the objects it touched so ECI is updated at once
/// when it allows. Stateless: every duplicate check reads what the objects record.
/// </summary>
/// <remarks>
/// Finding and recording must finish within <see cref="WebhookRefreshOptions.TimeBudget"/>;
/// otherwise, or when Kubernetes fails, the report says <see cref="RefreshReport.Unavailable"/>
/// (503: the sender retries and the retry finds the finished part already recorded). Reconciles
/// still running when the budget ends go on in the background (bounded by
/// <see cref="WebhookRefreshOptions.ReconcileTimeout"/>); whatever they do not finish stays in
/// status.pendingRefresh for reconcile-status.
/// </remarks>
public sealed partial class ImageCacheRefresher(
    ImageCacheStore store,
    RepositoryIndexSnapshots index,
    ImageCacheReconciler reconciler,
    ReconcileFlights flights,
    ImageCacheEventRecorder events,
    ImageCacheEventTally repeatedEvents,
    AutoCreateRules autoCreate,
    IOptions<WebhookRefreshOptions> options,
    TimeProvider time,
    ILogger<ImageCacheRefresher> logger)
{
    private const int MaxEventsPerCache = 5;

    /// <summary>Ignored pushes of one delivery logged one by one; the rest are one counted line (a batch of 10,000 is not 10,000 lines).</summary>
    private const int MaxIgnoredLogged = 20;

    /// <summary>Repositories in one delivery listed one selector each; more are matched on one LIST of every object.</summary>
    private const int MaxSelectorLists = 16;
    private readonly WebhookRefreshOptions _options = options.Value;

    public async Task<RefreshReport> RefreshAsync(IReadOnlyList<ImagePushed> pushed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pushed);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var ignored = new List<IgnoredPush>();
        var pushes = new List<(ImagePushed Event, ImagePush Push)>();
        foreach (var item in pushed)
        {
            if (ImagePush.ByTag(item.Image, item.PushedAt, item.EventId, out var reason) is { } push)
            {
                pushes.Add((item, push));
            }
            else
            {
                ignored.Add(new IgnoredPush(item.Image.ToString(), reason!));
                if (ignored.Count <= MaxIgnoredLogged)
                {
                    LogIgnored(logger, item.SourceName, item.EventId, item.Image.ToString(), reason!);
                }
            }
        }

        if (pushes.Count == 0)
        {
            if (ignored.Count > MaxIgnoredLogged)
            {
                LogMoreIgnored(logger, pushed[0].SourceName, ignored.Count - MaxIgnoredLogged, ignored.Count);
            }

            return new RefreshReport { Ignored = ignored };
        }

        var all = pushes.Select(p => p.Push).ToList();
        var bySelector = all.GroupBy(p => RepositoryIndexLabel.Selector(p.Image), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ImagePush>)[.. g], StringComparer.Ordinal);
        var selectors = bySelector.Keys.ToList();
        var source = pushes[0].Event.SourceName;
        var work = new ConcurrentDictionary<string, CacheWork>(StringComparer.Ordinal);
        string? unavailable = null;
        TimeSpan? retryAfter = null;

        using (var deadline = new CancellationTokenSource(_options.TimeBudget, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
        {
            try
            {
                var matched = await FindAsync(bySelector, now, linked.Token).ConfigureAwait(false);
                foreach (var push in Uncovered(all, matched.Select(m => m.Cache)))
                {
                    if (await AutoCreateAsync(push, bySelector[RepositoryIndexLabel.Selector(push.Image)], linked.Token).ConfigureAwait(false) is { } created)
                    {
                        matched.Add(created);
                    }
                    else
                    {
                        var reason = AutoCreation.RuleFor(autoCreate.Rules, push.Image) is null
                            ? "no ImageCache holds this image and no auto-create rule covers it"
                            : "an auto-create rule covers this image but the ImageCache could not be created (see the log)";
                        ignored.Add(new IgnoredPush(push.Image.ToString(), reason));
                        if (ignored.Count <= MaxIgnoredLogged)
                        {
                            LogIgnored(logger, source, push.DeliveryId, push.ToString(), reason);
                        }
                    }
                }

                var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = linked.Token };
                await Parallel.ForEachAsync(matched, parallel, async (match, ct) =>
                {
                    if (await RecordAsync(match, now, ct).ConfigureAwait(false) is { } done)
                    {
                        work[done.Cache.Metadata.Name] = done;
                    }
                }).ConfigureAwait(false);
                if (matched.Any(m => m.CreatedBy is not null) || work.Values.Any(w => w.Recorded))
                {
                    // What this replica wrote is what its next delivery must see.
                    index.Forget(selectors);
                }
            }
            catch (Exception e) when (Unavailable(e, cancellationToken) is { } problem)
            {
                unavailable = problem.Message;
                retryAfter = problem.RetryAfter;
                LogUnavailable(logger, source, unavailable);
            }
        }

        if (ignored.Count > MaxIgnoredLogged)
        {
            LogMoreIgnored(logger, source, ignored.Count - MaxIgnoredLogged, ignored.Count);
        }

        var results = await ReconcileAsync(work.Values.OrderBy(w => w.Cache.Metadata.Name, StringComparer.Ordinal).ToList(), source, selectors, started, cancellationToken).ConfigureAwait(false);
        var failed = results.FirstOrDefault(r => r.Reconcile == "error");
        if (unavailable is null && failed is not null)
        {
            unavailable = $"imagecache {failed.Name}: the refresh is recorded but ECI or Kubernetes failed: {failed.Message}";
            LogUnavailable(logger, source, unavailable);
        }

        return new RefreshReport
        {
            Caches = results,
            Ignored = ignored,
            Unavailable = unavailable,
            RetryAfter = unavailable is null ? null : retryAfter ?? _options.RetryAfter,
        };
    }

    /// <summary>
    /// Objects holding a pushed repository and tag: by index label (a recent LIST's answer, see
    /// <see cref="RepositoryIndexSnapshots"/>), then confirmed by the plan. A push that a pending
    /// refresh covers is decided on a fresh read: the pending refresh may have been handed to ECI
    /// since, and then the push needs a refresh of its own.
    /// </summary>
    private async Task<List<Match>> FindAsync(IReadOnlyDictionary<string, IReadOnlyList<ImagePush>> bySelector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var matched = await MatchAsync(bySelector, now, cancellationToken).ConfigureAwait(false);
        if (matched.Any(m => RefreshPlanner.Plan(m.Cache, m.Pushes, now).CoveredByPending))
        {
            index.Forget(bySelector.Keys);
            matched = await MatchAsync(bySelector, now, cancellationToken).ConfigureAwait(false);
        }

        return matched;
    }

    /// <summary>
    /// The objects indexed under the pushed repositories, each with the pushes of its own
    /// repositories (a batch of thousands is planned per object against a handful, not all).
    /// Up to <see cref="MaxSelectorLists"/> repositories are listed by selector; a wider batch
    /// is one LIST of every object, matched here: a registry's batch of 10,000 distinct images
    /// costs one paged LIST, not 10,000, and fits the time budget (issue 12 item 10).
    /// </summary>
    private async Task<List<Match>> MatchAsync(IReadOnlyDictionary<string, IReadOnlyList<ImagePush>> bySelector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<string, ImageCache>(StringComparer.Ordinal);
        if (bySelector.Count <= MaxSelectorLists)
        {
            foreach (var selector in bySelector.Keys)
            {
                foreach (var cache in await index.ListAsync(selector, cancellationToken).ConfigureAwait(false))
                {
                    candidates.TryAdd(cache.Metadata.Name, cache);
                }
            }
        }
        else
        {
            await foreach (var cache in store.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (PushesFor(cache, bySelector).Count > 0)
                {
                    candidates.TryAdd(cache.Metadata.Name, cache);
                }
            }
        }

        return candidates.Values
            .Where(c => !c.IsBeingDeleted)
            .Select(c => new Match(c, null, PushesFor(c, bySelector)))
            .Where(m => RefreshPlanner.Plan(m.Cache, m.Pushes, now).Matched)
            .OrderBy(m => m.Cache.Metadata.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The pushes of the repositories <paramref name="cache"/> is indexed under.</summary>
    private static IReadOnlyList<ImagePush> PushesFor(ImageCache cache, IReadOnlyDictionary<string, IReadOnlyList<ImagePush>> bySelector)
    {
        var pushes = new List<ImagePush>();
        foreach (var (key, value) in cache.Metadata.Labels ?? new Dictionary<string, string>())
        {
            if (RepositoryIndexLabel.IsIndexLabel(key) && bySelector.TryGetValue($"{key}={value}", out var these))
            {
                pushes.AddRange(these);
            }
        }

        return pushes;
    }

    /// <summary>Pushes (one per repository and tag) that no matched object holds.</summary>
    private static IEnumerable<ImagePush> Uncovered(IReadOnlyList<ImagePush> pushes, IEnumerable<ImageCache> matched)
    {
        var held = matched.SelectMany(c => SpecImage.Of(c.Spec)).ToList();
        return pushes
            .Where(p => !held.Any(i => i.IsPushedBy(p)))
            .GroupBy(p => (p.Image.RepositoryKey, p.Tag))
            .Select(g => g.First());
    }

    /// <summary>
    /// Creates the ImageCache an auto-create rule asks for. Its name is derived from the image, so
    /// a concurrent or repeated delivery finds it taken: AlreadyExists is success when that object
    /// holds the image. Null when no rule covers the push or the object cannot be made.
    /// </summary>
    private async Task<Match?> AutoCreateAsync(ImagePush push, IReadOnlyList<ImagePush> repositoryPushes, CancellationToken cancellationToken)
    {
        if (AutoCreation.RuleFor(autoCreate.Rules, push.Image) is not { } rule)
        {
            return null;
        }

        var fresh = AutoCreation.NewCache(rule, push.Image);
        var name = fresh.Metadata.Name;
        try
        {
            var created = await store.CreateAsync(fresh, cancellationToken).ConfigureAwait(false);
            LogAutoCreated(logger, name, rule.Name, push.Image.ToString());
            return new Match(created, rule.Name, repositoryPushes);
        }
        catch (KubernetesAlreadyExistsException)
        {
            var existing = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is not null && !existing.IsBeingDeleted && SpecImage.Of(existing.Spec).Any(i => i.IsPushedBy(push)))
            {
                // Another delivery (or replica) created it first: one cache, as intended.
                return new Match(existing, null, repositoryPushes);
            }

            LogAutoCreateRefused(logger, name, rule.Name, push.Image.ToString(), "the name is taken by an ImageCache that does not hold the image");
            return null;
        }
        catch (KubernetesInvalidException e)
        {
            // The API server refused the object (a rule setting the CRD rejects): a retry cannot help.
            LogAutoCreateRefused(logger, name, rule.Name, push.Image.ToString(), e.Message);
            return null;
        }
    }

    /// <summary>Records the refresh the pushes ask for (re-planned on every read, so a conflict never loses a push).</summary>
    private async Task<CacheWork?> RecordAsync(Match match, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pushes = match.Pushes;
        var plan = RefreshPlanner.Plan(match.Cache, pushes, now);
        if (!plan.RequestsRefresh)
        {
            return new CacheWork(match.Cache, match.CreatedBy, plan, Recorded: false);
        }

        var name = match.Cache.Metadata.Name;
        RefreshPlan? last = null;
        var result = await store.UpdateAsync(name, cache =>
        {
            var fresh = RefreshPlanner.Plan(cache, pushes, now);
            last = fresh;
            if (fresh.Pending is null || cache.IsBeingDeleted)
            {
                return null;
            }

            cache.Status ??= new ImageCacheStatus();
            cache.Status.PendingRefresh = fresh.Pending;
            return cache;
        }, cancellationToken).ConfigureAwait(false);

        return result.Outcome switch
        {
            ImageCacheUpdateOutcome.NotFound => null,
            ImageCacheUpdateOutcome.Conflict => throw new KubernetesConflictException(
                null, $"imagecache {name}: the refresh could not be recorded: the object kept changing ({result.Attempts} attempts)"),
            _ => new CacheWork(result.Object!, match.CreatedBy, last ?? plan, Recorded: result.Outcome == ImageCacheUpdateOutcome.Updated),
        };
    }

    /// <summary>
    /// Events and logs for every decision, and a reconcile of each object with a refresh waiting
    /// (recorded now or already pending), awaited until the time budget ends.
    /// </summary>
    private async Task<List<CacheRefreshResult>> ReconcileAsync(IReadOnlyList<CacheWork> work, string source, IReadOnlyList<string> selectors, long started, CancellationToken cancellationToken)
    {
        var side = new List<Task>();
        var reconciles = new Dictionary<string, Task<ObjectReconcileResult>>(StringComparer.Ordinal);
        foreach (var item in work)
        {
            var name = item.Cache.Metadata.Name;
            foreach (var decision in item.Plan.Decisions)
            {
                if (decision.RequestsRefresh)
                {
                    LogDecision(logger, source, decision.Push.DeliveryId, decision.Push.ToString(), name, RefreshDecisionKinds.NameOf(decision.Kind), decision.Reason);
                }
                else
                {
                    // Duplicates are the commonest delivery: counted (ImageCacheEventTally logs and
                    // records the count), each one only at Debug.
                    LogNothingToDo(logger, source, decision.Push.DeliveryId, decision.Push.ToString(), name, RefreshDecisionKinds.NameOf(decision.Kind), decision.Reason);
                }
            }

            side.Add(RecordEventsAsync(item, source));
            if (item.Recorded || item.Plan.CoveredByPending)
            {
                reconciles[name] = StartReconcile(name, selectors);
            }
        }

        var everything = Task.WhenAll(side.Concat(reconciles.Values));
        var remaining = _options.TimeBudget - time.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            try
            {
                await Task.WhenAny(everything, Task.Delay(remaining, time, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller went away: the work goes on in the background regardless.
            }
        }

        var results = new List<CacheRefreshResult>(work.Count);
        foreach (var item in work)
        {
            var name = item.Cache.Metadata.Name;
            string? reconcile = item.Recorded || item.Plan.CoveredByPending ? "running" : "not-needed";
            var phase = item.Cache.Status?.Phase;
            string? message = null;
            if (reconciles.TryGetValue(name, out var task) && task.IsCompletedSuccessfully)
            {
                var result = task.Result;
                phase = result.Phase ?? phase;
                message = result.Message;
                reconcile = result.Outcome switch
                {
                    ObjectReconcileOutcome.Updated => "updated",
                    ObjectReconcileOutcome.Created => "created",
                    ObjectReconcileOutcome.Blocked => "blocked",
                    ObjectReconcileOutcome.Error => "error",
                    ObjectReconcileOutcome.NotFound => "not-found",
                    _ => "pending",
                };
            }

            results.Add(new CacheRefreshResult(name, item.CreatedBy is not null, item.CreatedBy, item.Plan.Decisions, item.Recorded, reconcile, phase, message));
        }

        return results;
    }

    /// <summary>
    /// Reconciles one object in the background (one at a time per object in this process, see
    /// <see cref="ReconcileFlights"/>): not tied to the request (the sender may hang up once
    /// answered), bounded by ReconcileTimeout. Failures are results, logged, never thrown.
    /// </summary>
    private Task<ObjectReconcileResult> StartReconcile(string name, IReadOnlyList<string> selectors) => flights.RunAsync(name, async () =>
    {
        using var timeout = new CancellationTokenSource(_options.ReconcileTimeout, time);
        try
        {
            var result = await reconciler.ReconcileAsync(name, timeout.Token).ConfigureAwait(false);
            if (result.Outcome is ObjectReconcileOutcome.Unchanged or ObjectReconcileOutcome.StatusChanged)
            {
                // No ECI change (ECI still busy: the refresh waits, as the delivery's answer says).
                LogReconcileWaiting(logger, name, result.Outcome.ToString(), result.Phase);
            }
            else
            {
                LogReconciled(logger, name, result.Outcome.ToString(), result.Phase, result.Message);
            }
            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nobody awaits this past the budget: every failure must become a result, never an unobserved exception.
            LogReconciled(logger, name, ObjectReconcileOutcome.Error.ToString(), null, e.Message);
            return new ObjectReconcileResult(name, ObjectReconcileOutcome.Error, Message: e.Message);
        }
        finally
        {
            // The reconcile may have changed the status the next delivery decides on.
            index.Forget(selectors);
        }
    });

    private async Task RecordEventsAsync(CacheWork item, string source)
    {
        try
        {
            await RecordEventsCoreAsync(item, source).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Events are best effort; the decision itself is recorded (or not) on the object.
            LogEventsFailed(logger, item.Cache.Metadata.Name, e.Message);
        }
    }

    private async Task RecordEventsCoreAsync(CacheWork item, string source)
    {
        // Not tied to the request: the sender may hang up once answered.
        using var timeout = new CancellationTokenSource(_options.ReconcileTimeout, time);
        var cache = item.Cache;
        if (item.CreatedBy is { } rule)
        {
            var image = item.Plan.Decisions.FirstOrDefault()?.Push.Image.ToString() ?? string.Join(", ", cache.Spec.Images);
            await events.NormalAsync(cache, RefreshEventReasons.AutoCreated, $"Created by auto-create rule {rule} for a push of {image} ({source})", timeout.Token).ConfigureAwait(false);
        }

        foreach (var decision in item.Plan.Decisions.Take(MaxEventsPerCache))
        {
            if (decision.RequestsRefresh)
            {
                if (item.Recorded)
                {
                    var delivery = decision.Push.DeliveryId is { } id ? $", delivery {id}" : string.Empty;
                    await events.NormalAsync(cache, RefreshEventReasons.RefreshRequested, $"Push of {decision.Push} ({source}{delivery}): refresh of {decision.SpecImage} recorded; {decision.Reason}", timeout.Token).ConfigureAwait(false);
                }
            }
            else
            {
                // No delivery id in the message: repeated duplicates aggregate into one Event with a
                // count, counted here and written off the request (a no-op costs no Kubernetes write).
                repeatedEvents.Normal(cache, RefreshEventReasons.RefreshNotNeeded, $"Push of {decision.Push} ({source}): nothing to do; {decision.Reason}");
            }
        }
    }

    private (string Message, TimeSpan? RetryAfter)? Unavailable(Exception e, CancellationToken caller) => e switch
    {
        KubernetesUnavailableException k => (k.Message, k.RetryAfter),
        KubernetesApiException k => ($"Kubernetes refused a call: {k.Message}", null),
        OperationCanceledException when !caller.IsCancellationRequested =>
            ($"finding the caches and recording the refreshes took longer than the time budget ({_options.TimeBudget.TotalSeconds:0.###} s); what was recorded stays recorded", null),
        // The sender hung up: nobody reads the answer, and what was recorded stays recorded.
        OperationCanceledException => ("the request was aborted by the sender before the refreshes were recorded", null),
        _ => null,
    };

    private sealed record Match(ImageCache Cache, string? CreatedBy, IReadOnlyList<ImagePush> Pushes);

    private sealed record CacheWork(ImageCache Cache, string? CreatedBy, RefreshPlan Plan, bool Recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "push {Push} ({Source}, delivery {DeliveryId}) → imagecache {Name}: {Decision}: {Reason}")]
    private static partial void LogDecision(ILogger logger, string source, string? deliveryId, string push, string name, string decision, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "push {Push} ({Source}, delivery {DeliveryId}) → imagecache {Name}: {Decision}: {Reason}")]
    private static partial void LogNothingToDo(ILogger logger, string source, string? deliveryId, string push, string name, string decision, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "push {Push} ({Source}, delivery {DeliveryId}) ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string source, string? deliveryId, string push, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{More} more pushes ({Source}) ignored, {Total} in this delivery (each is listed in the answer)")]
    private static partial void LogMoreIgnored(ILogger logger, string source, int more, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name} auto-created by rule {Rule} for a push of {Image}")]
    private static partial void LogAutoCreated(ILogger logger, string name, string rule, string image);

    [LoggerMessage(Level = LogLevel.Warning, Message = "imagecache {Name} not auto-created by rule {Rule} for a push of {Image}: {Detail}")]
    private static partial void LogAutoCreateRefused(ILogger logger, string name, string rule, string image, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: reconcile after push: {Outcome}, phase {Phase} {Detail}")]
    private static partial void LogReconciled(ILogger logger, string name, string outcome, string? phase, string? detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "imagecache {Name}: reconcile after push: {Outcome}, phase {Phase}")]
    private static partial void LogReconcileWaiting(ILogger logger, string name, string outcome, string? phase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "imagecache {Name}: Events about a push not recorded: {Detail}")]
    private static partial void LogEventsFailed(ILogger logger, string name, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "delivery from {Source}: answered 503 so the sender retries: {Detail}")]
    private static partial void LogUnavailable(ILogger logger, string source, string detail);
}
