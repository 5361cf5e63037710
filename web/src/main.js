// Skeleton: replaced by the live page.
document.getElementById('app').textContent = 'bmdsim';
