namespace GovernanceModule.Core.Http.Pipeline
{
    /// <summary>Where a request's attempts stand, for telling a cancelled request's outcome.</summary>
    internal sealed class AttemptProgress
    {
        private volatile bool inFlight;
        private volatile bool landed;

        public bool InFlight
        {
            get => inFlight;
            set => inFlight = value;
        }

        /// <summary>True when the server may have applied an attempt: one is in flight or one ended without a "not applied" answer.</summary>
        public bool OutcomeUnknown => inFlight || landed;

        /// <summary>The attempt reached the server and its answer does not say it was refused unprocessed.</summary>
        public void Landed()
        {
            landed = true;
            inFlight = false;
        }
    }
}
