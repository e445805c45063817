"""Rewards for reports of violations (举报奖励): eligibility, amount by the
configurable table, approval and payment. The models (``RewardKind``,
``RewardTier``, ``Reward``) stay in ``complaints.models`` with their tables."""
