/** The default theme's script: the dark-mode toggle (remembers the choice). */
export const script = `(function(){var b=document.querySelector('.theme-toggle');if(!b)return;b.addEventListener('click',function(){var d=document.documentElement;var dark=d.dataset.theme?d.dataset.theme==='dark':matchMedia('(prefers-color-scheme: dark)').matches;d.dataset.theme=dark?'light':'dark';try{localStorage.setItem('inkstone-theme',d.dataset.theme)}catch(e){}})})();
`
